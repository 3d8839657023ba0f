package dev.transformers4j.tokenizers.marian;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.tokenizers.sentencepiece.TinySpm;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.TrainerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken Marian folders: each gives one {@link IllegalArgumentException} naming the file and what was expected. */
class MarianBadInputTest {
    @TempDir
    Path dir;

    private void fails(String... expectedParts) {
        assertThatThrownBy(() -> MarianTokenizer.fromFolder(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(expectedParts);
    }

    @Test
    void sourceSpmThatIsNotASentencePieceModel() throws Exception {
        TinyMarianFolder.write(dir);
        Path spm = dir.resolve("source.spm");
        Files.writeString(spm, "{\"this\": \"is json\"}");
        fails(spm.toString(), "not a SentencePiece model", "sentencepiece.ModelProto");
        Files.writeString(spm, "");
        fails(spm.toString(), "not a SentencePiece model", "no pieces");
        Files.write(spm, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02});
        fails(spm.toString(), "not a SentencePiece model");
        Files.write(spm, "PK\u0003\u0004 a zip, a safetensors header, anything".getBytes(StandardCharsets.ISO_8859_1));
        fails(spm.toString(), "not a SentencePiece model");
    }

    @Test
    void targetSpmOfAnUnsupportedModelType() throws Exception {
        TinyMarianFolder.write(dir);
        var bpe = TinySpm.builder();
        bpe.getTrainerSpecBuilder().setModelType(TrainerSpec.ModelType.BPE);
        Files.write(dir.resolve("target.spm"), bpe.build().toByteArray());
        fails(dir.resolve("target.spm").toString(), "model type BPE is not supported", "expected UNIGRAM");
    }

    @Test
    void spmWithoutAnUnknownPiece() throws Exception {
        TinyMarianFolder.write(dir);
        var noUnk = TinySpm.builder();
        noUnk.removePieces(0);
        Files.write(dir.resolve("source.spm"), noUnk.build().toByteArray());
        fails(dir.resolve("source.spm").toString(), "no piece has type UNKNOWN");
    }

    @Test
    void missingFiles() throws Exception {
        TinyMarianFolder.write(dir);
        Files.delete(dir.resolve("vocab.json"));
        fails(dir.toString(), "missing vocab.json", "expected source.spm, target.spm and vocab.json");
        TinyMarianFolder.write(dir);
        Files.delete(dir.resolve("target.spm"));
        fails("missing target.spm");
        assertThatThrownBy(() -> MarianTokenizer.fromFolder(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void vocabJsonWithoutEosOrUnk() throws Exception {
        TinyMarianFolder.write(dir);
        Path vocab = dir.resolve("vocab.json");
        Files.writeString(vocab, "{\"<unk>\": 1, \"a\": 3}");
        fails(vocab.toString(), "eos token '</s>' is not in the vocabulary");
        Files.writeString(vocab, "{\"</s>\": 0, \"a\": 3}");
        fails(vocab.toString(), "unk token '<unk>' is not in the vocabulary");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"unk_token\": \"[UNK]\"}");
        Files.writeString(vocab, "{\"</s>\": 0, \"<unk>\": 1}");
        fails(vocab.toString(), "unk token '[UNK]'");
    }

    @Test
    void vocabJsonThatIsNotAPieceToIdObject() throws Exception {
        TinyMarianFolder.write(dir);
        Path vocab = dir.resolve("vocab.json");
        Files.writeString(vocab, "{\"</s>\": 0, \"<unk>\": ");
        fails(vocab.toString(), "invalid JSON");
        Files.writeString(vocab, "[\"</s>\", \"<unk>\"]");
        fails(vocab.toString(), "expected a non-empty JSON object {piece: id}");
        Files.writeString(vocab, "{\"</s>\": 0, \"<unk>\": \"one\"}");
        fails(vocab.toString(), "piece '<unk>'", "expected a non-negative integer id");
        Files.write(vocab, new byte[] {'{', (byte) 0xC3, '}'});
        fails(vocab.toString(), "not valid UTF-8");
    }

    @Test
    void separateVocabsWithoutTargetVocab() throws Exception {
        TinyMarianFolder.write(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"separate_vocabs\": true}");
        fails("separate_vocabs: true", dir.resolve("target_vocab.json").toString(), "does not exist");
    }

    @Test
    void badTokenizerConfig() throws Exception {
        TinyMarianFolder.write(dir);
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"eos_token\": 3}");
        fails(config.toString(), "field 'eos_token'", "expected a token string");
        Files.writeString(config, "{\"separate_vocabs\": \"yes\"}");
        fails(config.toString(), "field 'separate_vocabs'", "expected true/false");
    }
}
