package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.tokenizers.marian.MarianTokenizer;
import dev.transformers4j.tokenizers.sentencepiece.SpmFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MarianTokenizer} on a folder built from the SentencePiece fixture (source.spm and target.spm
 * written with the generated protobuf classes; a shuffled Marian-style vocab.json that leaves some
 * pieces out) against HF's Rust tokenizers on the fixture's tokenizer.json: HF's tokens mapped through
 * vocab.json (a missing piece is {@code <unk>}), {@code </s>} last, must be our ids.
 *
 * <p>The texts avoid the three places where HF's conversion of a SentencePiece model is not exact and
 * MarianTokenizer follows SentencePiece instead (see {@code SentencePieceGoldenTest} and
 * {@code MarianTokenizerTest}): trailing whitespace that the charsmap keeps (U+0085), combining marks
 * or a zero-width joiner after characters the charsmap rewrites, and near-tied segmentations of long letter runs (SentencePiece
 * adds scores in float).
 */
class MarianDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TEXTS = 2000;

    @TempDir
    Path dir;

    @Test
    void sourceAndTargetIdsEqualHfTokensThroughVocab() throws Exception {
        Map<String, Integer> vocab = writeFolder(dir);
        MarianTokenizer marian = MarianTokenizer.fromFolder(dir);
        String json = hfJson();
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < TEXTS; i++) {
                String text = text(random);
                int[] expected = java.util.Arrays.stream(ref.hf.encode(text).getTokens())
                        .mapToInt(t -> vocab.getOrDefault(t, vocab.get("<unk>"))).toArray();
                compare(failures, "source " + i, text, marian.encodeSource(text), expected);
                compare(failures, "target " + i, text, marian.encodeTarget(text), expected);
            }
        }
        assertThat(failures).as("%d of %d texts differ from HF", failures.size(), 2 * TEXTS).isEmpty();
    }

    private static final List<String> WORDS = List.of("the", "of", "and", "in", "to", "a", "was", "he", "is", "for",
            "hello", "world", "translation", "machine", "small", "frog", "asked", "his", "teacher", "advice", "tokenizer",
            "sentence", "piece", "Hello", "World", "Café", "naïve", "straße", "ﬁ", "ﬀ", "Ⅻ", "ＡＢＣ", "ａｂｃ", "１２３",
            "½", "①", "™", "℃", "我爱自然语言处理", "東京タワー", "ｶﾀｶﾅ", "한국어", "👍", "🤗", "Привет", "مرحبا", "3.14", "1,000",
            "...", "!", "?", ",", ".", "(", ")", "\"", "'", "-", "—", "€", "$", "</s>", "<unk>", "<pad>", "\u2581", "x\u2581y");
    private static final List<String> SEPARATORS = List.of(" ", " ", " ", "  ", "   ", "", "\t", "\n", "\r\n", "\u3000",
            "\u00a0", "\u2003", " \u200b ");

    /** Words and separators, sometimes with spaces around. */
    private static String text(Random random) {
        StringBuilder sb = new StringBuilder(random.nextInt(5) == 0 ? "  " : "");
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(WORDS.get(random.nextInt(WORDS.size()))).append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        return sb.toString();
    }

    private static void compare(List<String> failures, String name, String text, int[] ours, int[] expected) {
        if (!java.util.Arrays.equals(ours, expected)) {
            failures.add(name + " " + SpmFixture.escape(text) + ": " + java.util.Arrays.toString(ours) + " vs "
                    + java.util.Arrays.toString(expected));
        }
    }

    /** The fixture's tokenizer.json with Marian's special tokens (</s>, <unk>, <pad>) as HF's added tokens. */
    private static String hfJson() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(HfReference.resource(SpmFixture.TOKENIZER_JSON));
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        added.remove(1); // <s>
        ObjectNode pad = added.addObject();
        pad.put("id", root.get("model").get("vocab").size()).put("content", "<pad>").put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        return MAPPER.writeValueAsString(root);
    }

    /**
     * source.spm and target.spm from the fixture; vocab.json: {@code </s>} 0, {@code <unk>} 1, the pieces
     * shuffled, every 37th left out, two language codes, {@code <pad>} last (Marian's layout).
     */
    static Map<String, Integer> writeFolder(Path dir) throws Exception {
        byte[] spm = SpmFixture.spm(SpmFixture.NMT_NFKC);
        Files.write(dir.resolve("source.spm"), spm);
        Files.write(dir.resolve("target.spm"), spm);
        List<String> pieces = new ArrayList<>();
        MAPPER.readTree(HfReference.resource(SpmFixture.TOKENIZER_JSON)).get("model").get("vocab")
                .forEach(e -> pieces.add(e.get(0).asText()));
        pieces.removeAll(List.of("<unk>", "<s>", "</s>"));
        Collections.shuffle(pieces, new Random(7));
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("</s>", 0);
        vocab.put("<unk>", 1);
        for (int i = 0; i < pieces.size(); i++) {
            if (i % 37 != 0) {
                vocab.put(pieces.get(i), vocab.size());
            }
        }
        vocab.put(">>fr<<", vocab.size());
        vocab.put(">>de<<", vocab.size());
        vocab.put("<pad>", vocab.size());
        Files.writeString(dir.resolve("vocab.json"), MAPPER.writeValueAsString(vocab));
        return vocab;
    }
}
