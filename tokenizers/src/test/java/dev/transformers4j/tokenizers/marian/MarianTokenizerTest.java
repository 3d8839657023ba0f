package dev.transformers4j.tokenizers.marian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MarianTokenizer} on {@link TinyMarianFolder}, every expectation worked out by hand from HF's
 * {@code MarianTokenizer} code (transformers 4.57) and the segmentations of {@code ViterbiByHandTest}.
 */
class MarianTokenizerTest {
    @TempDir
    Path dir;

    private MarianTokenizer tokenizer() {
        return MarianTokenizer.fromFolder(TinyMarianFolder.write(dir));
    }

    @Test
    void piecesMapThroughVocabAndEosIsAppended() {
        MarianTokenizer t = tokenizer();
        assertThat(t.tokenizeSource("abc")).containsExactly("\u2581", "a", "bc");
        assertThat(t.encodeSource("abc")).containsExactly(2, 3, 4, 0);
        assertThat(t.encodeTarget("abc")).containsExactly(2, 3, 4, 0);
        assertThat(t.encodeSource("")).containsExactly(0);
        // "abxyc" -> ▁ ab xy c; the unknown piece "xy" is not in vocab.json: <unk>
        assertThat(t.encodeSource("abxyc")).containsExactly(2, 5, 1, 7, 0);
        assertThat(t.encodeSourceBatch(List.of("abc", "ab"))).containsExactly(new int[] {2, 3, 4, 0},
                new int[] {2, 5, 0});
    }

    @Test
    void aPieceMissingFromVocabJsonIsUnknown() throws Exception {
        TinyMarianFolder.write(dir);
        Files.writeString(dir.resolve("vocab.json"), TinyMarianFolder.VOCAB.replace("\"bc\": 4, ", ""));
        // "abc" -> ▁ a bc, and vocab.json has no "bc"
        assertThat(MarianTokenizer.fromFolder(dir).encodeSource("abc")).containsExactly(2, 3, 1, 0);
    }

    @Test
    void specialTokenIds() {
        MarianTokenizer t = tokenizer();
        assertThat(t.tokenToId("\u2581a")).isEmpty();
        assertThat(t.unkTokenId()).isEqualTo(1);
        assertThat(t.eosTokenId()).isEqualTo(0);
        assertThat(t.padTokenId()).isEqualTo(8);
        assertThat(t.vocabSize()).isEqualTo(11);
    }

    @Test
    void languageCodeAtTheStartIsOneToken() {
        MarianTokenizer t = tokenizer();
        assertThat(t.tokenizeSource(">>fr<< abc")).containsExactly(">>fr<<", "\u2581", "a", "bc");
        assertThat(t.encodeSource(">>fr<< abc")).containsExactly(6, 2, 3, 4, 0);
        assertThat(t.encodeSource(">>es<< abc")).as("a code not in vocab.json").containsExactly(1, 2, 3, 4, 0);
        // Python's regex is >>.+<< (greedy): it runs to the last << of the text...
        assertThat(t.tokenizeSource(">>fr<< ab >>de<< c")).containsExactly(">>fr<< ab >>de<<", "\u2581", "c");
        // ...and a code elsewhere is removed, not tokenized
        assertThat(t.tokenizeSource("ab >>fr<< c")).containsExactly("\u2581", "ab", "\u2581", "c");
    }

    @Test
    void specialTokensInTheTextAreKeptWhole() {
        MarianTokenizer t = tokenizer();
        // chunks "abc", "</s>", "ab": each chunk is encoded on its own (so "ab" gets its own ▁)
        assertThat(t.encodeSource("abc</s>ab")).containsExactly(2, 3, 4, 0, 2, 5, 0);
        assertThat(t.encodeSource("a <unk> <pad>")).containsExactly(2, 3, 1, 8, 0);
        // a language code after a special token starts its chunk
        assertThat(t.tokenizeSource("</s>>>fr<<c")).containsExactly("</s>", ">>fr<<", "\u2581", "c");
    }

    @Test
    void decodeSkipsSpecialTokensAndUsesTheTargetModel() {
        MarianTokenizer t = tokenizer();
        assertThat(t.decode(new int[] {2, 3, 4, 0})).isEqualTo("abc");
        assertThat(t.decode(new int[] {2, 3, 4, 0}, false)).isEqualTo("abc</s>");
        assertThat(t.decode(new int[] {8, 2, 5, 0, 8}, false)).isEqualTo("<pad> ab</s> <pad>");
        assertThat(t.decode(new int[] {8, 2, 5, 2, 7, 0, 8})).isEqualTo("ab c");
        // an id outside vocab.json reads as <unk>, which is not skipped since the id is not <unk>'s
        assertThat(t.decode(new int[] {2, 3, 99})).isEqualTo("a<unk>");
        assertThat(t.decodeBatch(List.of(new int[] {2, 5, 0}, new int[] {}))).containsExactly("ab", "");
    }

    @Test
    void cleanUpTokenizationSpacesFromConfig() throws Exception {
        TinyMarianFolder.write(dir);
        int[] ids = {2, 3, 2, 10, 0}; // "▁ a ▁ ." -> "a ."
        assertThat(MarianTokenizer.fromFolder(dir).decode(ids)).isEqualTo("a .");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"clean_up_tokenization_spaces\": true, "
                + "\"eos_token\": {\"content\": \"</s>\", \"special\": true}, \"source_lang\": \"en\"}");
        assertThat(MarianTokenizer.fromFolder(dir).decode(ids)).isEqualTo("a.");
    }

    @Test
    void separateVocabsUseTargetVocabJsonOnTheTargetSide() throws Exception {
        TinyMarianFolder.write(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"separate_vocabs\": true}");
        Files.writeString(dir.resolve("target_vocab.json"), "{\"</s>\": 0, \"<unk>\": 1, \"c\": 2, \"\u2581\": 3, "
                + "\"a\": 4, \"bc\": 5}");
        MarianTokenizer t = MarianTokenizer.fromFolder(dir);
        assertThat(t.encodeSource("abc")).containsExactly(2, 3, 4, 0);
        assertThat(t.encodeTarget("abc")).containsExactly(3, 4, 5, 0);
        assertThat(t.decode(new int[] {3, 4, 5, 0})).isEqualTo("abc");
    }

    @Test
    void recognisesMarianFolders() throws Exception {
        assertThat(MarianTokenizer.isMarianFolder(dir)).isFalse();
        TinyMarianFolder.write(dir);
        assertThat(MarianTokenizer.isMarianFolder(dir)).isTrue();
    }

    @Test
    void pythonStripAndCleanUp() {
        assertThat(MarianDecoding.pythonStrip("\u00a0\u0085 a b\u2007\u202f\u001c")).isEqualTo("a b");
        assertThat(MarianDecoding.cleanUp("do n't , yes . I 'm sure ! ok ?")).isEqualTo("don't, yes. I'm sure! ok?");
    }
}
