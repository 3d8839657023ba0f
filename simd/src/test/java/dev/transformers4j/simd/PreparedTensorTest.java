package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The packed weights through the tensor API on the vector backend: a frozen weight's packed copy is refreshed when
 * the weight changes ({@code set}, {@code weightChanged}, training), and the fused {@code act(x·Wᵀ + b)} agrees with
 * the reference backend's two-step product.
 */
class PreparedTensorTest {

    private static <T> T onVector(Supplier<T> body) {
        Kernels previous = Backend.current();
        Backend.use(new VectorKernels(2));
        try {
            return body.get();
        } finally {
            Backend.use(previous);
        }
    }

    private static <T> T onReference(Supplier<T> body) {
        Kernels previous = Backend.current();
        Backend.use(Backend.create(Backend.REFERENCE, 1));
        try {
            return body.get();
        } finally {
            Backend.use(previous);
        }
    }

    private static Tensor random(Random r, int... shape) {
        float[] d = new float[shape[0] * (shape.length > 1 ? shape[1] : 1) * (shape.length > 2 ? shape[2] : 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian() * 0.3f;
        }
        return Tensor.of(d, shape);
    }

    @Test
    void aChangedWeightGivesTheNewProduct() {
        Random r = new Random(5);
        Tensor x = random(r, 3, 5, 40), w = random(r, 70, 40), b = random(r, 70);
        onVector(() -> {
            float[] before = x.linear(w, b, FusedActivation.GELU_ERF).toArray();
            w.set(w.get(3, 7) + 1f, 3, 7);
            float[] afterSet = x.linear(w, b, FusedActivation.GELU_ERF).toArray();
            assertThat(afterSet[3]).isNotEqualTo(before[3]);
            w.data()[10 * 40 + 2] += 1f;
            w.weightChanged();
            float[] afterWrite = x.linear(w, b, FusedActivation.GELU_ERF).toArray();
            float[] fresh = x.linear(Tensor.of(w.toArray(), 70, 40), b, FusedActivation.GELU_ERF).toArray();
            assertThat(afterWrite).containsExactly(fresh);
            assertThat(afterWrite[10]).isNotEqualTo(afterSet[10]);
            // training writes in place every step: a weight that needs a gradient is never served stale
            w.requiresGrad(true);
            w.data()[0] += 1f;
            float[] trained = x.linear(w, b).toArray();
            w.requiresGrad(false);
            assertThat(x.linear(w, b).toArray()).containsExactly(trained);
            return null;
        });
    }

    @Test
    void fusedActivationMatchesTheReferenceTwoStepProduct() {
        Random r = new Random(6);
        Tensor x = random(r, 2, 9, 96), w = random(r, 200, 96), b = random(r, 200);
        Tensor wt = w.transpose(0, 1).contiguous();
        for (FusedActivation act : FusedActivation.values()) {
            float[] want = onReference(() -> act.apply(x.linear(w, b)).toArray());
            float[] fused = onVector(() -> x.linear(w, b, act).toArray());
            float[] conv = onVector(() -> x.linearInOut(wt, b, act).toArray());
            for (int i = 0; i < want.length; i++) {
                assertThat(fused[i]).as(act + " [" + i + "]").isCloseTo(want[i], within(2e-5f));
                assertThat(conv[i]).as(act + " Conv1D [" + i + "]").isCloseTo(want[i], within(2e-5f));
            }
        }
    }
}
