package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.decoders.FuseDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character-level tokenizer: nanoGPT's vocabulary (sorted distinct characters), one id per character,
 * an exact round trip, and a {@code tokenizer.json} that HF's Rust tokenizers load and agree with.
 */
class CharTokenizerBuilderTest {

    /** Shakespeare-like text with the characters that trip tokenizers: newlines, runs of spaces, tabs, non-ASCII. */
    static final String SAMPLE = """
            First Citizen:
            Before we proceed any further, hear me speak.

            All:
            Speak, speak.   (Twice, with  two spaces.)
            \tTabbed line; and 'quotes' -- & "double" ones?!
            Naïve café — 你好 🤗 end.
            """;

    @TempDir
    Path tmp;

    @Test
    void vocabularyIsTheSortedDistinctCharactersThenUnk() {
        CharTokenizerBuilder b = CharTokenizerBuilder.fromText("hello\nworld hello");
        assertThat(b.characters()).containsExactly("\n", " ", "d", "e", "h", "l", "o", "r", "w");
        assertThat(b.vocabSize()).isEqualTo(10);
        Tokenizer t = b.build();
        assertThat(t.vocabSize()).isEqualTo(10);
        assertThat(t.tokenToId(CharTokenizerBuilder.UNK)).hasValue(9);
        assertThat(t.encode("hello\n").ids()).containsExactly(4, 3, 5, 5, 6, 0);
    }

    @Test
    void encodesOneIdPerCharacterAndDecodesBackExactly() {
        Tokenizer t = CharTokenizerBuilder.fromText(SAMPLE).build();
        int[] ids = t.encode(SAMPLE).ids();
        assertThat(ids).hasSize(SAMPLE.codePointCount(0, SAMPLE.length()));
        List<String> chars = CharTokenizerBuilder.fromText(SAMPLE).characters();
        int[] expected = SAMPLE.codePoints().map(c -> chars.indexOf(Character.toString(c))).toArray();
        assertThat(ids).containsExactly(expected);
        assertThat(t.decode(ids, false)).isEqualTo(SAMPLE);
        assertThat(t.decode(ids, true)).isEqualTo(SAMPLE);
    }

    @Test
    void unseenCharactersBecomeUnk() {
        Tokenizer t = CharTokenizerBuilder.fromText("abc").build();
        assertThat(t.encode("abzzc").ids()).containsExactly(0, 1, 3, 3, 2);
        assertThat(t.decode(new int[] {0, 3, 1}, false)).isEqualTo("a<unk>b");
    }

    @Test
    void writesHfTokenizerJsonWithEveryField() throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        CharTokenizerBuilder.fromText(SAMPLE).write(file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("version").asText()).isEqualTo("1.0");
        for (String nullField : List.of("truncation", "padding", "normalizer", "pre_tokenizer", "post_processor")) {
            assertThat(root.has(nullField) && root.get(nullField).isNull()).as(nullField).isTrue();
        }
        assertThat(root.get("added_tokens").isArray()).isTrue();
        assertThat(root.get("decoder").toString()).isEqualTo("{\"type\":\"Fuse\"}");
        JsonNode model = root.get("model");
        assertThat(model.get("type").asText()).isEqualTo("BPE");
        assertThat(model.get("unk_token").asText()).isEqualTo("<unk>");
        assertThat(model.get("merges").isArray() && model.get("merges").isEmpty()).isTrue();
        assertThat(model.get("vocab").size()).isEqualTo(CharTokenizerBuilder.fromText(SAMPLE).vocabSize());
        for (String f : List.of("dropout", "continuing_subword_prefix", "end_of_word_suffix", "fuse_unk",
                "byte_fallback", "ignore_merges")) {
            assertThat(model.has(f)).as(f).isTrue();
        }
        Tokenizer loaded = Tokenizer.fromFile(file);
        assertThat(loaded.pipeline().decoder()).isSameAs(FuseDecoder.INSTANCE);
        assertThat(loaded.decode(loaded.encode(SAMPLE).ids(), false)).isEqualTo(SAMPLE);
    }

    @Test
    void hfRustTokenizersLoadTheFileAndAgree() throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        CharTokenizerBuilder.fromText(SAMPLE).write(file);
        Tokenizer ours = Tokenizer.fromFile(file);
        String withUnknown = SAMPLE + "Zebra XYZ!";
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file,
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"))) {
            for (String text : List.of(SAMPLE, withUnknown, "", "\n\n  \n")) {
                long[] theirs = hf.encode(text).getIds();
                int[] mine = ours.encode(text).ids();
                assertThat(Arrays.stream(mine).asLongStream().toArray()).as(text).containsExactly(theirs);
                assertThat(ours.decode(mine, false)).as(text).isEqualTo(hf.decode(theirs, false));
            }
            assertThat(hf.decode(hf.encode(SAMPLE).getIds(), false)).isEqualTo(SAMPLE);
        }
    }

    @Test
    void longTextsEncodeInPiecesExactly() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 300_000; i++) {
            s.append(SAMPLE).append(i % 7 == 0 ? "\n\n" : "").append(i).append(' ');
        }
        String text = s.toString();
        Tokenizer t = CharTokenizerBuilder.fromText(text).build();
        assertThat(TokenStream.encode(t, text).ids()).containsExactly(t.encode(text, false).ids());
    }
}
