package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GenerationConfig: HF defaults, generation_config.json, and one clear error per invalid setting. */
class GenConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreHuggingFaces() {
        GenerationConfig c = GenerationConfig.defaults();
        assertThat(c.maxLength()).isEqualTo(20);
        assertThat(c.maxNewTokens()).isNull();
        assertThat(c.topK()).isEqualTo(50);
        assertThat(c.topP()).isEqualTo(1.0);
        assertThat(c.numBeams()).isEqualTo(1);
        assertThat(c.earlyStopping()).isEqualTo(EarlyStopping.HEURISTIC);
        assertThat(c.effectivePadTokenId()).isEqualTo(-1);
    }

    @Test
    void readsTheGpt2GenerationConfig() {
        GenerationConfig c = GenerationConfig.fromJson(Golden.dir("gpt2-lm").resolve("generation_config.json"));
        assertThat(c.eosTokenIds()).containsExactly(999);
        assertThat(c.bosTokenId()).isEqualTo(999);
        assertThat(c.padTokenId()).isNull();
        assertThat(c.effectivePadTokenId()).isEqualTo(999);         // HF: pad = eos for open-end generation
        assertThat(c.toBuilder().maxNewTokens(5).build().maxNewTokens()).isEqualTo(5);
    }

    @Test
    void aFolderGivesItsGenerationConfigJsonOrTheDefaults() {
        Path gpt2 = Golden.dir("gpt2-lm");
        assertThat(GenerationConfig.fromFolder(ModelFolder.of(gpt2)))
                .isEqualTo(GenerationConfig.fromJson(gpt2.resolve("generation_config.json")));
        assertThat(GenerationConfig.fromFolder(ModelFolder.of(Golden.dir("bert-mlm"))))
                .isEqualTo(GenerationConfig.defaults());
    }

    @Test
    void readsListsStringsAndNeverAndIgnoresUnknownFields() throws IOException {
        GenerationConfig c = GenerationConfig.fromJson(write("""
                {"eos_token_id": [2, 7], "early_stopping": "never", "stop_strings": "###", "num_beams": 3,
                 "bad_words_ids": [[4], [5, 6]], "top_k": null, "min_p": 0.05, "whatever": {"x": 1},
                 "transformers_version": "4.57.6", "max_new_tokens": 12, "seed": 9}"""));
        assertThat(c.eosTokenIds()).containsExactly(2, 7);
        assertThat(c.earlyStopping()).isEqualTo(EarlyStopping.NEVER);
        assertThat(c.stopStrings()).containsExactly("###");
        assertThat(c.badWordsIds()).containsExactly(List.of(4), List.of(5, 6));
        assertThat(c.topK()).isZero();
        assertThat(c.minP()).isEqualTo(0.05);
        assertThat(c.maxNewTokens()).isEqualTo(12);
        assertThat(c.seed()).isEqualTo(9L);
        assertThat(GenerationConfig.fromJson(write("{\"early_stopping\": true}")).earlyStopping())
                .isEqualTo(EarlyStopping.WHEN_BEAMS_FULL);
    }

    @Test
    void jsonErrorsNameFileAndField() throws IOException {
        Path bad = write("{\"top_p\": 1.5}");
        assertThatThrownBy(() -> GenerationConfig.fromJson(bad)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("top_p").hasMessageContaining("(0, 1]");
        Path wrongType = write("{\"top_k\": \"many\"}");
        assertThatThrownBy(() -> GenerationConfig.fromJson(wrongType)).hasMessageContaining(wrongType.toString())
                .hasMessageContaining("'top_k'");
        assertThatThrownBy(() -> GenerationConfig.fromJson(write("{\"early_stopping\": \"sometimes\"}")))
                .hasMessageContaining("early_stopping").hasMessageContaining("never");
        assertThatThrownBy(() -> GenerationConfig.fromJson(write("{\"eos_token_id\": [1, \"x\"]}")))
                .hasMessageContaining("eos_token_id");
    }

    @Test
    void eachInvalidSettingGetsOneClearError() {
        expect(b -> b.topP(0), "top_p must be in (0, 1]");
        expect(b -> b.topP(1.1), "top_p must be in (0, 1]");
        expect(b -> b.doSample(true).temperature(0), "temperature must be > 0");
        expect(b -> b.numBeams(0), "num_beams must be ≥ 1");
        expect(b -> b.numBeams(2).numReturnSequences(3), "num_return_sequences must be ≤ num_beams (2)");
        expect(b -> b.numReturnSequences(2), "num_return_sequences must be 1 for greedy search");
        expect(b -> b.doSample(true).numBeams(2), "beam-sample is not supported");
        expect(b -> b.topK(-1), "top_k must be ≥ 0");
        expect(b -> b.minP(1.5), "min_p must be in [0, 1]");
        expect(b -> b.typicalP(0), "typical_p must be in (0, 1]");
        expect(b -> b.repetitionPenalty(0), "repetition_penalty must be > 0");
        expect(b -> b.maxNewTokens(0), "max_new_tokens must be ≥ 1");
        expect(b -> b.noRepeatNgramSize(-2), "no_repeat_ngram_size must be ≥ 0");
        expect(b -> b.badWordsIds(List.of(List.of())), "bad_words_ids must be non-empty lists");
        expect(b -> b.stopStrings(List.of("")), "stop_strings must be non-empty strings");
        // temperature 0 is fine for greedy decoding (HF only warns there)
        assertThat(GenerationConfig.builder().temperature(0).build().temperature()).isZero();
        assertThat(GenerationConfig.builder().doSample(true).numReturnSequences(4).build().numReturnSequences())
                .isEqualTo(4);
    }

    static void expect(java.util.function.UnaryOperator<GenerationConfigBuilder> setting, String message) {
        assertThatThrownBy(() -> setting.apply(GenerationConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private Path write(String json) throws IOException {
        Path f = Files.createTempFile(dir, "generation_config", ".json");
        Files.writeString(f, json);
        return f;
    }
}
