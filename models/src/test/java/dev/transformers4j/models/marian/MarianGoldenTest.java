package dev.transformers4j.models.marian;

import static dev.transformers4j.models.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.Arrays;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with HF transformers 4.57.6 on the tiny seeded Marian of {@code shared/golden}: encoder output,
 * every hidden state and attention of both stacks, cross-attentions, teacher-forced logits and loss, the
 * sinusoidal table, and per-step cached decoding (self- and cross-attention caches).
 */
class MarianGoldenTest {

    static final MarianMTModel MODEL = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));

    static Stream<Arguments> cases() {
        return Backends.all().flatMap(k -> Stream.of("single", "padded_batch").map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void teacherForcedForwardMatchesHuggingFace(Kernels kernels, String caseName) {
        JsonNode c = Golden.testCase(Golden.json("marian-mt.json"), caseName);
        JsonNode in = c.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        TokenBatch source = new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(in.get("attention_mask")));
        int[] decoderIds = Golden.ints(in.get("decoder_input_ids"));
        int[] labels = Golden.ints(in.get("labels"));
        Backends.with(kernels, () -> {
            Seq2SeqLMOutput out = MODEL.forward(source, decoderIds, ForwardOptions.ALL);
            JsonNode g = c.get("outputs");
            assertClose("encoder_last_hidden_state", out.encoderLastHiddenState(), g.get("encoder_last_hidden_state"));
            assertClose("encoder_hidden_states", Golden.stack(out.encoderHiddenStates()), g.get("encoder_hidden_states"));
            assertClose("encoder_attentions", Golden.stack(out.encoderAttentions()), g.get("encoder_attentions"));
            assertClose("decoder_hidden_states", Golden.stack(out.decoderHiddenStates()), g.get("decoder_hidden_states"));
            assertClose("decoder_attentions", Golden.stack(out.decoderAttentions()), g.get("decoder_attentions"));
            assertClose("cross_attentions", Golden.stack(out.crossAttentions()), g.get("cross_attentions"));
            assertClose("logits", out.logits(), g.get("logits"));
            float want = Golden.floats(g.get("loss"))[0];
            float loss = Losses.crossEntropy(out.logits(), labels);
            assertThat((double) loss).as("loss").isCloseTo(want, Offset.offset(tolerance(want)));
            assertThat((double) MODEL.loss(source, labels).item()).as("loss from labels")
                    .isCloseTo(want, Offset.offset(tolerance(want)));
        });
    }

    @Test
    void decoderInputIsTheLabelsShiftedRight() {
        JsonNode in = Golden.testCase(Golden.json("marian-mt.json"), "padded_batch").get("inputs");
        assertThat(MODEL.shiftTokensRight(Golden.ints(in.get("labels")), 2))
                .containsExactly(Golden.ints(in.get("decoder_input_ids")));
    }

    @Test
    void sinusoidalTableMatchesHuggingFace() {
        JsonNode g = Golden.json("marian-mt.json").get("sinusoidal_positions");
        int[] shape = Golden.shape(g);
        Tensor table = Tensor.of(MarianSinusoidalPositionalEmbedding.table(shape[0], shape[1]), shape);
        assertClose("sinusoidal_positions", table, g);
        assertClose("model table", MODEL.model().decoder().embedPositions.table().slice(0, 0, shape[0]), g);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.transformers4j.models.testing.Backends#all")
    void cachedDecodingMatchesHuggingFaceStepByStep(Kernels kernels) {
        JsonNode k = Golden.json("marian-mt.generate.json").get("kv_cache_greedy");
        int[] shape = Golden.shape(k.get("input_ids"));
        TokenBatch source = new TokenBatch(shape[0], shape[1], Golden.ints(k.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(k.get("attention_mask")));
        int[] expected = Golden.ints(k.get("generated_ids"));
        float[] stepLogits = Golden.floats(k.get("step_logits"));
        int v = MODEL.config().vocabSize();
        Backends.with(kernels, () -> {
            assertClose("encoder_last_hidden_state",
                    MODEL.model().encode(source, ForwardOptions.DEFAULT).lastHiddenState(),
                    k.get("encoder_last_hidden_state"));
            MarianCrossAttentionCache encoder = MODEL.encode(source);                  // encoder once
            KVCache cache = MODEL.newCache(1, expected.length);
            int next = MODEL.config().decoderStartTokenId();
            for (int i = 0; i < expected.length; i++) {
                float[] got = MODEL.nextTokenLogits(new int[] {next}, 1, encoder, cache).toArray();   // [1, V]
                float[] want = Arrays.copyOfRange(stepLogits, i * v, (i + 1) * v);
                for (int j = 0; j < v; j++) {
                    assertThat((double) got[j]).as("step %d logit %d", i, j)
                            .isCloseTo(want[j], Offset.offset(tolerance(want[j])));
                }
                next = argmax(got);
                assertThat(next).as("token of step %d", i).isEqualTo(expected[i]);
            }
            assertThat(cache.length()).isEqualTo(expected.length);
        });
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.transformers4j.models.testing.Backends#all")
    void cachedStepsEqualFullRecompute(Kernels kernels) {
        JsonNode in = Golden.testCase(Golden.json("marian-mt.json"), "padded_batch").get("inputs");
        TokenBatch source = new TokenBatch(2, 11, Golden.ints(in.get("input_ids")), new int[22],
                Golden.ints(in.get("attention_mask")));
        int[] dec = Golden.ints(in.get("decoder_input_ids"));                        // [2, 8]
        Backends.with(kernels, () -> {
            float[] full = MODEL.forward(source, dec, ForwardOptions.DEFAULT).logits().toArray();   // [2, 8, V]
            MarianCrossAttentionCache encoder = MODEL.encode(source);
            KVCache cache = MODEL.newCache(2, 8);
            int v = MODEL.config().vocabSize();
            for (int t = 0; t < 8; t++) {
                float[] step = MODEL.nextTokenLogits(new int[] {dec[t], dec[8 + t]}, 1, encoder, cache).toArray();
                for (int b = 0; b < 2; b++) {
                    for (int j = 0; j < v; j++) {
                        float f = full[(b * 8 + t) * v + j];
                        assertThat(step[b * v + j]).as("row %d step %d logit %d", b, t, j)
                                .isCloseTo(f, Offset.offset(1e-4f + 1e-4f * Math.abs(f)));
                    }
                }
            }
        });
    }

    static double tolerance(double g) {
        return Golden.ATOL + Golden.RTOL * Math.abs(g);
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
