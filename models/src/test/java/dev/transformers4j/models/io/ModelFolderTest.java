package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ModelFolder#of} finds: config, weights, tokenizer files, generation config. */
class ModelFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aGoldenGpt2FolderHasConfigWeightsAndGenerationConfigButNoTokenizer() {
        Path dir = Golden.dir("gpt2-lm");
        ModelFolder f = ModelFolder.of(dir);
        assertThat(f.dir()).isEqualTo(dir);
        assertThat(f.hasConfig()).isTrue();
        assertThat(f.config()).isEqualTo(dir.resolve("config.json"));
        assertThat(f.weights()).containsExactly(dir.resolve("model.safetensors"));
        assertThat(f.weightsIndex()).isNull();
        assertThat(f.hasGenerationConfig()).isTrue();
        assertThat(f.generationConfig()).isEqualTo(dir.resolve("generation_config.json"));
        assertThat(f.tokenizer()).isEqualTo(TokenizerFormat.NONE);
        assertThat(f.tokenizer().isFast()).isFalse();
    }

    @Test
    void anEmptyOrMissingFolderHasNothing() {
        for (Path dir : new Path[] {tmp, tmp.resolve("absent")}) {
            ModelFolder f = ModelFolder.of(dir);
            assertThat(f.hasConfig()).isFalse();
            assertThat(f.config()).isNull();
            assertThat(f.weights()).isEmpty();
            assertThat(f.weightsIndex()).isNull();
            assertThat(f.hasGenerationConfig()).isFalse();
            assertThat(f.tokenizer()).isEqualTo(TokenizerFormat.NONE);
        }
    }

    @Test
    void safetensorsComesBeforePytorchModelBin() throws IOException {
        Path dir = TorchBin.marianFolder(tmp.resolve("bin"));
        assertThat(ModelFolder.of(dir).weights()).containsExactly(dir.resolve("pytorch_model.bin"));
        Files.copy(Golden.dir("marian-mt").resolve("model.safetensors"), dir.resolve("model.safetensors"));
        assertThat(ModelFolder.of(dir).weights()).containsExactly(dir.resolve("model.safetensors"));
    }

    @Test
    void aShardIndexIsFoundSafetensorsFirst() throws IOException {
        Files.writeString(tmp.resolve("pytorch_model.bin.index.json"), "{}");
        assertThat(ModelFolder.of(tmp).weightsIndex()).isEqualTo(tmp.resolve("pytorch_model.bin.index.json"));
        Files.writeString(tmp.resolve("model.safetensors.index.json"), "{}");
        assertThat(ModelFolder.of(tmp).weightsIndex()).isEqualTo(tmp.resolve("model.safetensors.index.json"));
        assertThat(ModelFolder.of(tmp).weights()).isEmpty();
    }

    @Test
    void tokenizerJsonComesFirstThenGpt2FilesThenMarianSentencePiece() throws IOException {
        Files.writeString(tmp.resolve("source.spm"), "");
        assertThat(ModelFolder.of(tmp).tokenizer()).isEqualTo(TokenizerFormat.MARIAN_SENTENCEPIECE);
        Files.writeString(tmp.resolve("vocab.json"), "{}");
        assertThat(ModelFolder.of(tmp).tokenizer()).isEqualTo(TokenizerFormat.MARIAN_SENTENCEPIECE);
        Files.writeString(tmp.resolve("merges.txt"), "");
        assertThat(ModelFolder.of(tmp).tokenizer()).isEqualTo(TokenizerFormat.VOCAB_AND_MERGES);
        Files.writeString(tmp.resolve("tokenizer.json"), "{}");
        ModelFolder f = ModelFolder.of(tmp);
        assertThat(f.tokenizer()).isEqualTo(TokenizerFormat.TOKENIZER_JSON);
        assertThat(f.tokenizerJson()).isEqualTo(tmp.resolve("tokenizer.json"));
        assertThat(TokenizerFormat.TOKENIZER_JSON.isFast()).isTrue();
        assertThat(TokenizerFormat.VOCAB_AND_MERGES.isFast()).isTrue();
        assertThat(TokenizerFormat.MARIAN_SENTENCEPIECE.isFast()).isFalse();
    }
}
