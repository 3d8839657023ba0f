package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.normalizers.PrecompiledCharsMap;
import dev.transformers4j.tokenizers.sentencepiece.SpmFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The fixture's real nmt_nfkc charsmap read by {@link PrecompiledCharsMap}, checked with the values HF's
 * {@code spm_precompiled} crate publishes in its tests for SentencePiece's nmt_nfkc rules, and the
 * errors for blobs that are not a charsmap.
 */
class PrecompiledCharsMapTest {
    private static PrecompiledCharsMap nmtNfkc() throws Exception {
        String base64 = new ObjectMapper().readTree(SpmFixture.resource(SpmFixture.TOKENIZER_JSON)).get("normalizer")
                .get("normalizers").get(0).get("precompiled_charsmap").asText();
        return PrecompiledCharsMap.parse(Base64.getDecoder().decode(base64));
    }

    private static String shortest(PrecompiledCharsMap map, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        PrecompiledCharsMap.Match m = map.shortestPrefix(utf8, 0, utf8.length);
        return m == null ? null : m.replacement();
    }

    /** spm_precompiled's {@code normalize_string}: the longest rule at each position, else the character. */
    private static String longestEverywhere(PrecompiledCharsMap map, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < utf8.length; ) {
            PrecompiledCharsMap.Match m = map.longestPrefix(utf8, i, utf8.length);
            if (m != null) {
                out.append(m.replacement());
                i += m.length();
            } else {
                int n = new String(utf8, i, Math.min(4, utf8.length - i), StandardCharsets.UTF_8).codePointAt(0);
                out.appendCodePoint(n);
                i += Character.toString(n).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return out.toString();
    }

    @Test
    void publishedTransforms() throws Exception {
        PrecompiledCharsMap map = nmtNfkc();
        assertThat(shortest(map, "\ufb01")).isEqualTo("fi");
        assertThat(shortest(map, "\ud835\udd3e")).isEqualTo("G"); // 𝔾
        assertThat(shortest(map, "\ud835\udd60")).isEqualTo("o"); // 𝕠
        assertThat(shortest(map, "\u200d")).isEqualTo(" ");
        assertThat(shortest(map, " ")).isNull();
        assertThat(shortest(map, "a")).isNull();
    }

    @Test
    void publishedLongestPrefixNormalizations() throws Exception {
        PrecompiledCharsMap map = nmtNfkc();
        assertThat(longestEverywhere(map, "เขาไม่ได้พูดสักคำ"))
                .isEqualTo("เขาไม\u0e48ได\u0e49พ\u0e39ดส\u0e31กค\u0e4dา");
        assertThat(longestEverywhere(map, "ड़ी दुख")).isEqualTo("ड\u093cी द\u0941ख");
        assertThat(longestEverywhere(map, "\u0627\u0653")).isEqualTo("\u0622"); // one rule for two characters
    }

    @Test
    void blobsThatAreNotACharsMap() {
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(new byte[] {1, 0})).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("expected at least 4 bytes");
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(new byte[] {(byte) 200, 0, 0, 0, 1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trie size 200 does not fit");
        assertThatThrownBy(() -> PrecompiledCharsMap.parse(new byte[] {4, 0, 0, 0, 0, 0, 0, 0, (byte) 0xC3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void tokenizerJsonWithABadCharsMapNamesTheField() {
        String json = "{\"normalizer\": {\"type\": \"Precompiled\", \"precompiled_charsmap\": \"AQID\"}, "
                + "\"model\": {\"type\": \"Unigram\", \"unk_id\": 0, \"vocab\": [[\"<unk>\", 0.0]]}}";
        assertThatThrownBy(() -> Tokenizer.fromJson(json, "t5.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("t5.json", "normalizer.precompiled_charsmap", "expected at least 4 bytes");
        String notBase64 = json.replace("AQID", "not base64!");
        assertThatThrownBy(() -> Tokenizer.fromJson(notBase64, "t5.json"))
                .hasMessageContainingAll("t5.json", "normalizer.precompiled_charsmap", "base64");
        String model = json.replace("\"precompiled_charsmap\": \"AQID\"", "\"precompiled_charsmap\": \""
                + Base64.getEncoder().encodeToString(new byte[] {4, 0, 0, 0, 0, 0, 0, 0}) + "\"");
        assertThat(Tokenizer.fromJson(model, "t5.json").encode("ab", false).tokens()).containsExactly("ab");
        String badVocab = model.replace("[[\"<unk>\", 0.0]]", "[[\"<unk>\"]]");
        assertThatThrownBy(() -> Tokenizer.fromJson(badVocab, "t5.json"))
                .hasMessageContainingAll("t5.json", "model.vocab[0]", "expected [piece, score]");
        String badUnk = model.replace("\"unk_id\": 0", "\"unk_id\": 5");
        assertThatThrownBy(() -> Tokenizer.fromJson(badUnk, "t5.json"))
                .hasMessageContainingAll("t5.json", "model.unk_id", "not an index of the vocabulary of 1 pieces");
    }
}
