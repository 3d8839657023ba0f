package dev.transformers4j.models.gpt2;

import static dev.transformers4j.models.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with HF transformers 4.57.6 on the tiny seeded GPT-2 of {@code shared/golden}: logits, hidden
 * states, attentions, present key/values and loss; and per-step cached decoding.
 */
class GPT2GoldenTest {

    static final GPT2LMHeadModel MODEL = GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));

    static Stream<Arguments> cases() {
        return Backends.all().flatMap(k -> Stream.of("single_short", "single_long", "padded_batch")
                .map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void forwardMatchesHuggingFace(Kernels kernels, String caseName) {
        JsonNode c = Golden.testCase(Golden.json("gpt2-lm.json"), caseName);
        JsonNode in = c.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        TokenBatch batch = new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(in.get("attention_mask")));
        Backends.with(kernels, () -> {
            KVCache cache = MODEL.newCache(shape[0], shape[1]);
            ModelOutput out = MODEL.forward(DecoderInput.of(batch), cache, ForwardOptions.ALL);
            JsonNode g = c.get("outputs");
            assertClose("logits", out.logits(), g.get("logits"));
            assertClose("hidden_states", Golden.stack(out.hiddenStates()), g.get("hidden_states"));
            assertClose("attentions", Golden.stack(out.attentions()), g.get("attentions"));
            List<Tensor> present = new ArrayList<>();
            for (int l = 0; l < MODEL.config().nLayer(); l++) {
                present.add(Golden.stack(List.of(cache.keys(l), cache.values(l))));
            }
            assertClose("present_key_values", Golden.stack(present), g.get("present_key_values"));
            float loss = Losses.crossEntropy(shiftedLogits(out.logits()), shiftedLabels(Golden.ints(in.get("labels")),
                    shape[0], shape[1]));
            float want = Golden.floats(g.get("loss"))[0];
            assertThat((double) loss).isCloseTo(want, Offset.offset(Golden.ATOL + Golden.RTOL * Math.abs(want)));
        });
    }

    /** logits[:, :-1] as rows. */
    static Tensor shiftedLogits(Tensor logits) {
        return logits.slice(1, 0, logits.size(1) - 1).contiguous();
    }

    /** labels[:, 1:]. */
    static int[] shiftedLabels(int[] labels, int b, int t) {
        int[] out = new int[b * (t - 1)];
        for (int i = 0; i < b; i++) {
            System.arraycopy(labels, i * t + 1, out, i * (t - 1), t - 1);
        }
        return out;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.transformers4j.models.testing.Backends#all")
    void cachedDecodingMatchesHuggingFaceStepByStep(Kernels kernels) {
        JsonNode k = Golden.json("gpt2-lm.generate.json").get("kv_cache_greedy");
        int[] prompt = Golden.ints(k.get("prompt_ids"));
        int[] expected = Golden.ints(k.get("generated_ids"));
        float[] stepLogits = Golden.floats(k.get("step_logits"));
        int v = MODEL.config().vocabSize();
        Backends.with(kernels, () -> {
            KVCache cache = MODEL.newCache(1, prompt.length + expected.length);
            DecoderInput step = DecoderInput.of(TokenBatch.of(prompt));
            int[] mask = new int[prompt.length + expected.length];
            for (int i = 0; i < expected.length; i++) {
                Tensor logits = MODEL.nextTokenLogits(step, cache);                 // [1, V]
                float[] want = java.util.Arrays.copyOfRange(stepLogits, i * v, (i + 1) * v);
                float[] got = logits.toArray();
                for (int j = 0; j < v; j++) {
                    assertThat((double) got[j]).as("step %d logit %d", i, j)
                            .isCloseTo(want[j], Offset.offset(Golden.ATOL + Golden.RTOL * Math.abs(want[j])));
                }
                int next = argmax(got);
                assertThat(next).as("token of step %d", i).isEqualTo(expected[i]);
                java.util.Arrays.fill(mask, 0, cache.length() + 1, 1);
                step = new DecoderInput(1, 1, new int[] {next}, new int[] {cache.length()},
                        java.util.Arrays.copyOf(mask, cache.length() + 1));
            }
        });
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
