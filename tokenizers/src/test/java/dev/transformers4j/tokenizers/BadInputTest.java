package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading errors name the file and the offending field (or line of {@code merges.txt}). */
class BadInputTest {
    private static final String MODEL = "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\","
            + "\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0}}";

    @Test
    void invalidJson() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"model\": {", "broken.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("invalid JSON");
    }

    @Test
    void unknownModelType() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"model\":{\"type\":\"Magic\",\"vocab\":{}}}", "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.json").hasMessageContaining("'model.type'").hasMessageContaining("Magic");
    }

    @Test
    void missingVocab() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"model\":{\"type\":\"WordPiece\"}}", "v.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v.json").hasMessageContaining("'model.vocab'").hasMessageContaining("missing");
    }

    @Test
    void missingModel() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"normalizer\":null}", "n.json"))
                .hasMessageContaining("n.json").hasMessageContaining("'model'");
    }

    @Test
    void unknownNormalizerType() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":"
                + "[{\"type\":\"Lowercase\"},{\"type\":\"NFKC\"}]}," + MODEL + "}", "s.json"))
                .hasMessageContaining("s.json").hasMessageContaining("'normalizer.normalizers[1].type'")
                .hasMessageContaining("NFKC");
    }

    @Test
    void unknownPreTokenizerAndDecoder() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"pre_tokenizer\":{\"type\":\"UnicodeScripts\"}," + MODEL + "}",
                "p.json"))
                .hasMessageContaining("p.json").hasMessageContaining("'pre_tokenizer.type'");
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"decoder\":{\"type\":\"BPEDecoder\"}," + MODEL + "}", "d.json"))
                .hasMessageContaining("d.json").hasMessageContaining("'decoder.type'");
    }

    @Test
    void wrongFieldType() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"truncation\":{\"max_length\":\"many\"}," + MODEL + "}", "t.json"))
                .hasMessageContaining("t.json").hasMessageContaining("'truncation.max_length'");
    }

    @Test
    void invalidUtf8File(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertThatThrownBy(() -> Tokenizer.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("UTF-8");
    }

    private static final String BPE_VOCAB = "{\"a\":0,\"b\":1,\"ab\":2,\"c\":3}";

    private static String bpe(String merges, String extra) {
        return "{\"model\":{\"type\":\"BPE\",\"vocab\":" + BPE_VOCAB + ",\"merges\":" + merges + extra + "}}";
    }

    @Test
    void bpeMergeWithUnknownTokenInTokenizerJson() {
        assertThatThrownBy(() -> Tokenizer.fromJson(bpe("[\"a b\",\"ab zz\"]", ""), "b.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b.json").hasMessageContaining("'model.merges[1]'").hasMessageContaining("'zz'");
        assertThatThrownBy(() -> Tokenizer.fromJson(bpe("[[\"a\",\"c\"]]", ""), "c.json"))
                .hasMessageContaining("c.json").hasMessageContaining("'model.merges[0]'")
                .hasMessageContaining("'ac' is not in the vocabulary");
    }

    @Test
    void malformedBpeMergeInTokenizerJson() {
        assertThatThrownBy(() -> Tokenizer.fromJson(bpe("[\"a b\",\"a b c\"]", ""), "m.json"))
                .hasMessageContaining("m.json").hasMessageContaining("'model.merges[1]'").hasMessageContaining("a b c");
        assertThatThrownBy(() -> Tokenizer.fromJson(bpe("[[\"a\"]]", ""), "p.json"))
                .hasMessageContaining("p.json").hasMessageContaining("'model.merges[0]'");
    }

    @Test
    void bpeDropoutIsRejected() {
        assertThatThrownBy(() -> Tokenizer.fromJson(bpe("[]", ",\"dropout\":0.1"), "d.json"))
                .hasMessageContaining("d.json").hasMessageContaining("'model.dropout'").hasMessageContaining("0.1");
        Tokenizer.fromJson(bpe("[]", ",\"dropout\":null"), "ok.json");
    }

    @Test
    void invalidSplitPattern() {
        String split = "{\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":\"(a\"},"
                + "\"behavior\":\"Isolated\",\"invert\":false}," + MODEL + "}";
        assertThatThrownBy(() -> Tokenizer.fromJson(split, "s.json"))
                .hasMessageContaining("s.json").hasMessageContaining("'pre_tokenizer.pattern.Regex'")
                .hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> Tokenizer.fromJson(split.replace("Isolated", "Sideways"), "s.json"))
                .hasMessageContaining("'pre_tokenizer.behavior'").hasMessageContaining("Sideways");
    }

    @Test
    void mergesTxtWithUnknownTokenNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), BPE_VOCAB);
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b\nab q\n");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(vocab, merges))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(merges.toString()).hasMessageContaining("line 3").hasMessageContaining("'q'");
    }

    @Test
    void malformedMergesTxtLineNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), BPE_VOCAB);
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\r\na b\r\nab\r\n");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(vocab, merges))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(merges.toString()).hasMessageContaining("line 3").hasMessageContaining("'ab'");
        Files.writeString(merges, "#version: 0.2\na  b\n");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(vocab, merges))
                .hasMessageContaining(merges.toString()).hasMessageContaining("line 2");
    }

    @Test
    void invalidVocabJsonNamesFile(@TempDir Path dir) throws Exception {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "{\"a\": \"zero\"}");
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(vocab, merges))
                .hasMessageContaining(vocab.toString()).hasMessageContaining("'a'");
        Files.writeString(vocab, "[1, 2");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(vocab, merges))
                .hasMessageContaining(vocab.toString()).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> Tokenizer.fromVocabAndMerges(dir.resolve("none.json"), merges))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("none.json");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> Tokenizer.fromFile(file))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
    }
}
