package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * generate() parity with HF transformers 4.57.6 ({@code gpt2-lm.generate.json}): greedy and beam search, single
 * prompts and left-padded batches, on both kernel backends. Tokens must be identical (in order); scores within
 * {@code |x − g| ≤ 1e-5 + 1e-4·|g|}.
 */
class GenGoldenTest {

    static final GPT2LMHeadModel MODEL = GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));
    static final JsonNode FILE = Golden.json("gpt2-lm.generate.json");

    static Stream<Arguments> cases() {
        return Backends.all().flatMap(k -> Stream.of("greedy_single", "greedy_batch_leftpad", "beam4_single",
                "beam4_batch_leftpad").map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void generateMatchesHuggingFace(Kernels kernels, String name) {
        JsonNode c = generateCase(name);
        GenerationConfig config = config(c.get("generation_config"));
        TokenBatch prompts = prompts(c.get("inputs"));
        JsonNode want = c.get("outputs");
        Backends.with(kernels, () -> {
            GenerateOutput out = new Generator(MODEL).generate(prompts, config);
            assertSequences(out, want.get("sequences"));
            if (want.has("scores")) {
                assertScores(out, want.get("scores"));
            }
            if (want.has("sequences_scores")) {
                Golden.assertClose("sequences_scores", dev.transformers4j.core.Tensor.of(out.sequencesScores(),
                        out.sequencesScores().length), want.get("sequences_scores"));
            }
        });
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
                .bosTokenId(g.get("bos_token_id").asInt())
                .outputScores(true);
        if (g.has("length_penalty")) {
            b.lengthPenalty(g.get("length_penalty").asDouble());
        }
        if (g.has("early_stopping")) {
            b.earlyStopping(g.get("early_stopping").asBoolean() ? EarlyStopping.WHEN_BEAMS_FULL
                    : EarlyStopping.HEURISTIC);
        }
        return b.build();
    }

    static TokenBatch prompts(JsonNode in) {
        int[] shape = Golden.shape(in.get("input_ids"));
        return new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")), new int[shape[0] * shape[1]],
                Golden.ints(in.get("attention_mask")));
    }

    static void assertSequences(GenerateOutput out, JsonNode golden) {
        int[] shape = Golden.shape(golden);
        int[] ids = Golden.ints(golden);
        assertThat(out.sequences()).as("number of sequences").hasSize(shape[0]);
        for (int i = 0; i < shape[0]; i++) {
            assertThat(out.ids(i)).as("sequence %d", i)
                    .containsExactly(java.util.Arrays.copyOfRange(ids, i * shape[1], (i + 1) * shape[1]));
        }
    }

    /** HF's scores are [B, steps, V]; ours are one [B, V] tensor per step. */
    static void assertScores(GenerateOutput out, JsonNode golden) {
        int[] shape = Golden.shape(golden);
        float[] g = Golden.floats(golden);
        assertThat(out.scores()).as("steps").hasSize(shape[1]);
        int v = shape[2];
        for (int s = 0; s < shape[1]; s++) {
            float[] x = out.scores().get(s).toArray();
            for (int b = 0; b < shape[0]; b++) {
                for (int j = 0; j < v; j++) {
                    float want = g[(b * shape[1] + s) * v + j];
                    float got = x[b * v + j];
                    if (!(Math.abs(got - want) <= Golden.ATOL + Golden.RTOL * Math.abs(want))) {
                        fail("scores step " + s + " row " + b + " token " + j + ": " + got + " but HF gives " + want);
                    }
                }
            }
        }
    }
}
