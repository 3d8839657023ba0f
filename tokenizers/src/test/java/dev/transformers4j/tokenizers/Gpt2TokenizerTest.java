package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT-2's tokenizer loaded both ways — {@code tokenizer.json}, and the original {@code vocab.json} +
 * {@code merges.txt} (written here from the same vocabulary and merges, which are byte for byte those of
 * OpenAI's {@code encoder.json} + {@code vocab.bpe}) — plus the reference ids of the {@code gpt-3-encoder}
 * package ({@code test-vectors.json}) and special tokens inside the text.
 */
class Gpt2TokenizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String END_OF_TEXT = "<|endoftext|>";

    private final Tokenizer gpt2 = Tokenizer.fromJson(ByteLevelDifferentialTest.gpt2Json(), "gpt2.tokenizer.json");

    /** Writes {@code vocab.json} and {@code merges.txt} (with its {@code #version} line) into {@code dir}. */
    static void writeSlowFiles(Path dir) throws IOException {
        JsonNode model = MAPPER.readTree(ByteLevelDifferentialTest.gpt2Json()).get("model");
        Files.writeString(dir.resolve("vocab.json"), MAPPER.writeValueAsString(model.get("vocab")),
                StandardCharsets.UTF_8);
        StringBuilder merges = new StringBuilder("#version: 0.2\n");
        model.get("merges").forEach(m -> merges.append(m.asText()).append('\n'));
        Files.writeString(dir.resolve("merges.txt"), merges, StandardCharsets.UTF_8);
    }

    @Test
    void vocabAndMergesGiveTheSameEncodingsAsTokenizerJson(@TempDir Path dir) throws IOException {
        writeSlowFiles(dir);
        Tokenizer slow = Tokenizer.fromVocabAndMerges(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        Tokenizer folder = Tokenizer.fromFolder(dir);
        List<String> texts = ByteLevelDifferentialTest.texts(3).subList(0, 1000);
        MAPPER.readTree(HfReference.resource("/golden/gpt2.golden.json")).get("cases")
                .forEach(c -> texts.add(c.get("text").asText()));
        for (int i = 0; i < texts.size(); i++) {
            String a = texts.get(i);
            String b = texts.get((i * 7 + 1) % texts.size());
            Encoding expected = gpt2.encode(a);
            assertThat(slow.encode(a)).as(DifferentialTest.escape(a)).isEqualTo(expected);
            assertThat(folder.encode(a)).isEqualTo(expected);
            assertThat(slow.encodePair(a, b)).isEqualTo(gpt2.encodePair(a, b));
            for (boolean skip : new boolean[] {true, false}) {
                assertThat(slow.decode(expected.ids(), skip)).isEqualTo(gpt2.decode(expected.ids(), skip));
            }
        }
        assertThat(slow.vocabSize()).isEqualTo(gpt2.vocabSize()).isEqualTo(50257);
        assertThat(slow.tokenToId(END_OF_TEXT)).hasValue(50256);
    }

    @Test
    void folderPrefersTokenizerJson(@TempDir Path dir) throws IOException {
        writeSlowFiles(dir);
        ObjectNode json = (ObjectNode) MAPPER.readTree(ByteLevelDifferentialTest.gpt2Json());
        ((ObjectNode) json.get("pre_tokenizer")).put("add_prefix_space", true);
        Files.writeString(dir.resolve("tokenizer.json"), MAPPER.writeValueAsString(json), StandardCharsets.UTF_8);
        assertThat(Tokenizer.fromFolder(dir).encode("Hello").tokens()).containsExactly("ĠHello");
        Files.delete(dir.resolve("tokenizer.json"));
        assertThat(Tokenizer.fromFolder(dir).encode("Hello").tokens()).containsExactly("Hello");
    }

    @Test
    void folderWithoutTokenizerFilesNamesWhatWasLookedFor(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{}");
        assertThatThrownBy(() -> Tokenizer.fromFolder(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("tokenizer.json")
                .hasMessageContaining("vocab.json + merges.txt").hasMessageContaining("only vocab.json");
    }

    /**
     * The ids of OpenAI's encoder ({@code gpt-3-encoder@1.1.4}), which has no added tokens: there
     * {@code <|endoftext|>} is plain text, so it is compared with a copy without added tokens.
     */
    @Test
    void referenceTestVectors() throws IOException {
        JsonNode vectors = MAPPER.readTree(HfReference.resource("/gpt2-bpe/test-vectors.json"));
        assertThat(vectors.get("pattern").asText()).isEqualTo(
                dev.transformers4j.tokenizers.pretokenizers.ByteLevel.GPT2_PATTERN.pattern());
        ObjectNode json = (ObjectNode) MAPPER.readTree(ByteLevelDifferentialTest.gpt2Json());
        json.putArray("added_tokens");
        Tokenizer plain = Tokenizer.fromJson(MAPPER.writeValueAsString(json), "gpt2 without added tokens");
        int checked = 0;
        for (JsonNode vector : vectors.get("vectors")) {
            String text = vector.get("text").asText();
            int[] ids = new int[vector.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vector.get("ids").get(i).asInt();
            }
            assertThat(plain.encode(text).ids()).as(text).containsExactly(ids);
            assertThat(gpt2.decode(ids, false)).isEqualTo(text);
            if (!text.contains(END_OF_TEXT)) {
                assertThat(gpt2.encode(text).ids()).as(text).containsExactly(ids);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(14);
        assertThat(gpt2.encode(END_OF_TEXT).ids()).containsExactly(50256);
    }

    @Test
    void specialTokenInsideText() {
        String text = "Hello<|endoftext|>world <|endoftext|>";
        Encoding e = gpt2.encode(text);
        assertThat(e.tokens()).containsExactly("Hello", END_OF_TEXT, "world", "Ġ", END_OF_TEXT);
        assertThat(e.ids()).containsExactly(15496, 50256, 6894, 220, 50256);
        assertThat(e.offsets()).isDeepEqualTo(new int[][] {{0, 5}, {5, 18}, {18, 23}, {23, 24}, {24, 37}});
        assertThat(e.wordIds()).containsExactly(0, 1, 2, 3, 4);
        assertThat(e.specialTokensMask()).containsOnly(0); // added tokens are not post-processor specials
        assertThat(gpt2.decode(e.ids(), true)).isEqualTo("Helloworld ");
        assertThat(gpt2.decode(e.ids(), false)).isEqualTo(text);
    }

    @Test
    void emojiBytesShareTheirCharacterSpan() {
        Encoding e = gpt2.encode("I love 🤗");
        assertThat(e.tokens()).containsExactly("I", "Ġlove", "ĠðŁ", "¤", "Ĺ");
        assertThat(e.offsets()).isDeepEqualTo(new int[][] {{0, 1}, {1, 6}, {6, 9}, {7, 9}, {7, 9}});
        assertThat(e.codePointOffsets()).isDeepEqualTo(new int[][] {{0, 1}, {1, 6}, {6, 8}, {7, 8}, {7, 8}});
        assertThat(gpt2.decode(new int[] {e.ids()[2]}, false)).isEqualTo(" \ufffd"); // half an emoji
    }

    /** A Rust string cannot hold one, so HF never sees it: ours encodes it as U+FFFD's bytes. */
    @Test
    void loneSurrogateIsEncodedAsReplacementCharacter() {
        Encoding e = gpt2.encode("a\ud800b");
        assertThat(e.ids()).containsExactly(gpt2.encode("a\ufffdb").ids());
        assertThat(e.offsets()[e.length() - 1]).containsExactly(2, 3);
        assertThat(gpt2.decode(e.ids(), false)).isEqualTo("a\ufffdb");
    }

    @Test
    void longInputsAreLosslessAndStable() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            parts.add("word" + i + (i % 7 == 0 ? "\n\n" : " ") + "🤗".repeat(i % 3));
        }
        String text = String.join("", parts) + "z".repeat(10_000);
        Encoding first = gpt2.encode(text);
        assertThat(gpt2.decode(first.ids(), false)).isEqualTo(text);
        assertThat(gpt2.encode(text)).isEqualTo(first); // second time from the word cache
    }
}
