package dev.transformers4j.models.gpt2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.core.nn.Conv1D;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * GPT-2 with int8 and bf16 weights, on the tiny seeded GPT-2 of {@code shared/golden}: the setting reaches every
 * Conv1D and the tied {@code wte} that serves as the LM head; the quantised model predicts the float32 model's
 * greedy tokens (teacher-forced on the float32 continuation); the vector kernels give the reference kernels'
 * logits for the same quantised numbers.
 */
class GPT2WeightDTypeTest {

    private static final int[] PROMPT = {5, 17, 123, 999, 42, 7};
    private static final int NEW_TOKENS = 48;

    private static GPT2LMHeadModel load() {
        return GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));
    }

    @Test
    void weightDTypeReachesEveryConv1DAndTheTiedLmHead() {
        GPT2LMHeadModel model = load();
        model.weightDType(WeightDType.INT8);
        int[] convs = {0};
        model.forEachModule((path, m) -> {
            if (m instanceof Conv1D c) {
                assertThat(c.weight().value().weightDType()).as(path).isEqualTo(WeightDType.INT8);
                convs[0]++;
            }
        });
        assertThat(convs[0]).isEqualTo(4 * model.config().nLayer());
        assertThat(model.transformer().wte().weight().value().weightDType()).as("wte, the LM head")
                .isEqualTo(WeightDType.INT8);
    }

    @Test
    void int8AndBf16PredictTheFloat32GreedyTokens() {
        Kernels vector = Backend.create(Backend.VECTOR, 2);
        GPT2LMHeadModel model = load();
        int[][] sequence = new int[1][];
        float[][] fp32 = new float[1][];
        Backends.with(vector, () -> {
            sequence[0] = greedy(model, PROMPT, NEW_TOKENS);
            fp32[0] = logits(model, sequence[0]);
        });
        int v = model.config().vocabSize();
        for (WeightDType dtype : new WeightDType[] {WeightDType.INT8, WeightDType.BF16}) {
            model.weightDType(dtype);
            float[][] q = new float[1][];
            Backends.with(vector, () -> q[0] = logits(model, sequence[0]));
            assertThat(q[0]).as("%s logits differ from float32 (the LM head and layers are quantised)", dtype)
                    .isNotEqualTo(fp32[0]);
            int agree = 0, positions = NEW_TOKENS;
            for (int t = PROMPT.length - 1; t < PROMPT.length - 1 + positions; t++) {
                agree += argmax(q[0], t * v, v) == argmax(fp32[0], t * v, v) ? 1 : 0;
            }
            double fraction = (double) agree / positions;
            System.out.printf("gpt2-lm golden, %s vs float32: %d of %d greedy tokens agree (teacher-forced)%n",
                    dtype, agree, positions);
            assertThat(fraction).as("%s: greedy tokens agreeing with float32", dtype)
                    .isGreaterThanOrEqualTo(dtype == WeightDType.BF16 ? 0.95 : 0.9);
        }
    }

    @Test
    void vectorInt8LogitsEqualTheReferenceInt8Logits() {
        GPT2LMHeadModel model = load();
        model.weightDType(WeightDType.INT8);
        int[] ids = Arrays.copyOf(PROMPT, 37);
        for (int i = PROMPT.length; i < ids.length; i++) {
            ids[i] = (ids[i - 1] * 31 + 7) % model.config().vocabSize();
        }
        float[][] out = new float[2][];
        Backends.with(Backend.create(Backend.REFERENCE, 1), () -> out[0] = logits(model, ids));
        Backends.with(Backend.create(Backend.VECTOR, 2), () -> out[1] = logits(model, ids));
        for (int i = 0; i < out[0].length; i++) {
            assertThat((double) out[1][i]).as("logit %d", i)
                    .isCloseTo(out[0][i], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(out[0][i]))));
        }
    }

    /** {@code n} greedy tokens after {@code prompt} with the KV cache: prompt + new tokens. */
    private static int[] greedy(GPT2LMHeadModel model, int[] prompt, int n) {
        int[] ids = Arrays.copyOf(prompt, prompt.length + n);
        KVCache cache = model.newCache(1, ids.length);
        Tensor logits = model.nextTokenLogits(DecoderInput.of(TokenBatch.of(prompt)), cache);     // [1, V]
        for (int i = prompt.length; i < ids.length; i++) {
            float[] l = logits.toArray();
            ids[i] = argmax(l, 0, l.length);
            int[] mask = new int[i + 1];
            Arrays.fill(mask, 1);
            logits = model.nextTokenLogits(new DecoderInput(1, 1, new int[] {ids[i]}, new int[] {i}, mask), cache);
        }
        return ids;
    }

    /** Logits {@code [T, V]} of every position, flattened. */
    private static float[] logits(GPT2LMHeadModel model, int[] ids) {
        return model.forward(TokenBatch.of(ids), ForwardOptions.DEFAULT).logits().contiguous().toArray();
    }

    private static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
