package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading errors name the file and the offending field. */
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
                + "[{\"type\":\"Lowercase\"},{\"type\":\"Precompiled\"}]}," + MODEL + "}", "s.json"))
                .hasMessageContaining("s.json").hasMessageContaining("'normalizer.normalizers[1].type'")
                .hasMessageContaining("Precompiled");
    }

    @Test
    void unknownPreTokenizerAndDecoder() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"pre_tokenizer\":{\"type\":\"Metaspace\"}," + MODEL + "}", "p.json"))
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

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> Tokenizer.fromFile(file))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
    }
}
