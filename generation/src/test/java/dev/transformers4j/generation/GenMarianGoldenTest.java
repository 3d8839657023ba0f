package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Encoder-decoder generate() parity with HF transformers 4.57.6 ({@code marian-mt.generate.json}): greedy and beam
 * search over right-padded sources, including the Opus-MT processors ({@code bad_words_ids}, forced EOS), on both
 * kernel backends, through the same search loops as GPT-2. Tokens identical; scores within
 * {@code |x − g| ≤ 1e-5 + 1e-4·|g|}.
 */
class GenMarianGoldenTest {

    static final MarianMTModel MODEL = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
    static final JsonNode FILE = Golden.json("marian-mt.generate.json");

    static Stream<Arguments> cases() {
        return Backends.all().flatMap(k -> Stream.of("greedy_single", "greedy_batch", "beam4_single", "beam4_batch",
                "beam4_opus_style").map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void generateMatchesHuggingFace(Kernels kernels, String name) {
        JsonNode c = generateCase(name);
        GenerationConfig config = config(c.get("generation_config"));
        TokenBatch sources = GenGoldenTest.prompts(c.get("inputs"));
        JsonNode want = c.get("outputs");
        Backends.with(kernels, () -> {
            GenerateOutput out = new Generator(MODEL).generate(sources, config);
            GenGoldenTest.assertSequences(out, want.get("sequences"));
            for (int i = 0; i < out.sequences().size(); i++) {
                assertThat(out.ids(i)[0]).as("sequence %d starts with decoder_start_token_id", i).isEqualTo(999);
                assertThat(out.newIds(i)).as("new ids of sequence %d", i)
                        .containsExactly(Arrays.copyOfRange(out.ids(i), 1, 1 + out.newIds(i).length));
            }
            if (want.has("scores")) {
                GenGoldenTest.assertScores(out, want.get("scores"));
            }
            if (want.has("sequences_scores")) {
                Golden.assertClose("sequences_scores", Tensor.of(out.sequencesScores(),
                        out.sequencesScores().length), want.get("sequences_scores"));
            }
        });
    }

    @Test
    void theModelsOwnStartTokenIsUsedWhenTheConfigHasNone() {
        JsonNode c = generateCase("greedy_single");
        GenerationConfig config = config(c.get("generation_config")).toBuilder().decoderStartTokenId(null).build();
        GenerateOutput out = new Generator(MODEL).generate(GenGoldenTest.prompts(c.get("inputs")), config);
        GenGoldenTest.assertSequences(out, c.get("outputs").get("sequences"));
    }

    @Test
    void maxLengthCountsDecoderTokensAgainstMaxPositionEmbeddings() {
        TokenBatch source = TokenBatch.of(5, 6, 0);
        GenerationConfig tooLong = GenerationConfig.builder().maxNewTokens(128).eosTokenId(0).padTokenId(999).build();
        assertThatThrownBy(() -> new Generator(MODEL).generate(source, tooLong))
                .hasMessageContaining("max_length 129").hasMessageContaining("max_position_embeddings 128");
        GenerationConfig fits = tooLong.toBuilder().maxNewTokens(null).maxLength(3).build();
        assertThat(new Generator(MODEL).generate(source, fits).ids(0)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void leftPaddedSourcesAreRefused() {
        TokenBatch left = new TokenBatch(1, 3, new int[] {999, 5, 0}, new int[3], new int[] {0, 1, 1});
        assertThatThrownBy(() -> new Generator(MODEL).generate(left, GenerationConfig.defaults()))
                .hasMessageContaining("RIGHT-padded");
    }

    static JsonNode generateCase(String name) {
        for (JsonNode c : FILE.get("generate_cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no generate case " + name);
    }

    /** The non-default settings HF was given, plus output_scores. */
    static GenerationConfig config(JsonNode g) {
        GenerationConfigBuilder b = GenerationConfig.builder()
                .maxNewTokens(g.get("max_new_tokens").asInt())
                .doSample(g.get("do_sample").asBoolean())
                .numBeams(g.get("num_beams").asInt())
                .numReturnSequences(g.get("num_return_sequences").asInt())
                .eosTokenId(g.get("eos_token_id").asInt())
                .padTokenId(g.get("pad_token_id").asInt())
                .decoderStartTokenId(g.get("decoder_start_token_id").asInt())
                .outputScores(true);
        if (g.has("length_penalty")) {
            b.lengthPenalty(g.get("length_penalty").asDouble());
        }
        if (g.has("early_stopping")) {
            b.earlyStopping(g.get("early_stopping").asBoolean() ? EarlyStopping.WHEN_BEAMS_FULL
                    : EarlyStopping.HEURISTIC);
        }
        if (g.has("forced_eos_token_id")) {
            b.forcedEosTokenId(g.get("forced_eos_token_id").asInt());
        }
        if (g.has("bad_words_ids")) {
            List<List<Integer>> words = new ArrayList<>();
            for (JsonNode w : g.get("bad_words_ids")) {
                List<Integer> ids = new ArrayList<>();
                w.forEach(id -> ids.add(id.asInt()));
                words.add(ids);
            }
            b.badWordsIds(words);
        }
        return b.build();
    }
}
