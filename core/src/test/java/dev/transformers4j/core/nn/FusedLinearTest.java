package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.OpListener;
import dev.transformers4j.core.OpTrace;
import dev.transformers4j.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code act(x·Wᵀ + b)} as one product ({@link Tensor#linear(Tensor, Tensor, FusedActivation)},
 * {@link Linear#forward(Tensor, FusedActivation)}): the same numbers as the linear layer then the activation, the
 * two-step path (with its gradients) whenever something needs a gradient, a trace runs or a hook watches the layer,
 * and a changed weight is seen.
 */
class FusedLinearTest {

    private static Tensor random(Random r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] d = new float[n];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    @Test
    void fusedEqualsLinearThenActivationForEveryActivationAndLayout() {
        Random r = new Random(1);
        Tensor x = random(r, 2, 3, 7), w = random(r, 5, 7), b = random(r, 5);
        Tensor wt = w.transpose(0, 1).contiguous();                            // Conv1D's [in, out]
        for (FusedActivation act : FusedActivation.values()) {
            float[] twoStep = act.apply(x.linear(w, b)).toArray();
            assertThat(x.linear(w, b, act).toArray()).as(act.name()).containsExactly(twoStep);
            assertThat(x.linearInOut(wt, b, act).toArray()).as(act.name()).containsExactly(twoStep);
            assertThat(x.linear(w, null, act).toArray()).as(act.name() + " no bias")
                    .containsExactly(act.apply(x.linear(w, null)).toArray());
            assertThat(x.linear(w, b, act).shape()).containsExactly(2, 3, 5);
        }
    }

    @Test
    void whatNeedsAGradientGoesTheTwoStepWayWithItsGradients() {
        Random r = new Random(2);
        Tensor w = random(r, 4, 6), b = random(r, 4);
        Tensor x = random(r, 3, 6).requiresGrad(true);
        Tensor y = x.linear(w, b, FusedActivation.GELU_ERF);
        assertThat(y.gradFn().op()).isEqualTo("gelu");
        y.sum().backward();
        float[] fused = x.grad().toArray();
        x.zeroGrad();
        x.linear(w, b).gelu().sum().backward();
        assertThat(fused).containsExactly(x.grad().toArray());
        // a trained weight, too
        Tensor x2 = random(r, 3, 6);
        w.requiresGrad(true);
        x2.linear(w, b, FusedActivation.RELU).sum().backward();
        assertThat(w.grad()).isNotNull();
    }

    @Test
    void aTraceSeesTheLinearLayerAndTheActivation() {
        Random r = new Random(3);
        Tensor x = random(r, 2, 4), w = random(r, 3, 4), b = random(r, 3);
        List<String> ops = new ArrayList<>();
        OpListener listener = (op, output, a, bb, c) -> ops.add(op);
        OpTrace.run(listener, () -> x.linear(w, b, FusedActivation.GELU_TANH));
        assertThat(ops).containsExactly("linear", "geluTanh");
    }

    @Test
    void aHookOnTheLayerSeesTheProductBeforeTheActivation() {
        Linear fc = new Linear(3, 2);
        fc.weight().set("weight", Tensor.of(new float[] {1, 0, 0, 0, -1, 0}, 2, 3));
        fc.bias().set("bias", Tensor.of(new float[] {0, 0}, 2));
        Tensor x = Tensor.of(new float[] {2, 5, 7}, 1, 3);
        List<float[]> seen = new ArrayList<>();
        try (HookHandle h = fc.registerForwardHook("", (name, m, in, out) -> seen.add(((Tensor) out).toArray()))) {
            assertThat(fc.forward(x, FusedActivation.RELU).toArray()).containsExactly(2f, 0f);
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly(2f, -5f);                      // before the ReLU
        assertThat(fc.forward(x, FusedActivation.RELU).toArray()).containsExactly(2f, 0f);   // unhooked: fused
    }

    @Test
    void aChangedWeightIsSeen() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor w = Tensor.of(new float[] {1, 1, -1, 0}, 2, 2);
        assertThat(x.linear(w, null, FusedActivation.RELU).toArray()).containsExactly(3f, 0f);
        w.set(1f, 1, 0);
        assertThat(x.linear(w, null, FusedActivation.RELU).toArray()).containsExactly(3f, 1f);
        w.data()[1] = -3f;
        w.weightChanged();
        assertThat(x.linear(w, null, FusedActivation.RELU).toArray()).containsExactly(0f, 1f);
    }
}
