package dev.transformers4j.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;

/** The autograd API: leaves, accumulation, grad mode, train/eval, and the errors. */
class AutogradTest {

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad();
        w.mul(w).sum().backward();                                 // ∂Σw²/∂w = 2w
        assertThat(w.grad().toArray()).containsExactly(2, 4, 6);
        w.mul(3f).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(5, 7, 9);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void aRegularisationTermNeedsNoBackwardCode() {
        Tensor w = Tensor.of(new float[] {1, -2}, 2).requiresGrad();
        Tensor x = Tensor.of(new float[] {3, 4}, 2);
        Tensor loss = w.mul(x).sum().add(w.mul(w).sum().mul(0.5f));   // w·x + ½|w|²
        loss.backward();
        assertThat(w.grad().toArray()).containsExactly(4, 2);        // x + w
        assertThat(x.grad()).isNull();
    }

    @Test
    void nothingIsRecordedWithoutGradOrInNoGradMode() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        assertThat(a.mul(a).gradFn()).isNull();
        Tensor p = Tensor.of(new float[] {1, 2}, 2).requiresGrad();
        assertThat(p.mul(a).gradFn()).isNotNull();
        assertThat(p.mul(a).gradFn().op()).isEqualTo("mul");
        assertThat(Grad.noGrad(() -> p.mul(a)).gradFn()).isNull();
        try (var off = Grad.disabled()) {
            assertThat(p.tanh().needsGrad()).isFalse();
            try (var on = Grad.enabled()) {
                assertThat(p.tanh().needsGrad()).isTrue();
            }
            assertThat(Grad.isEnabled()).isFalse();
        }
        assertThat(Grad.isEnabled()).isTrue();
    }

    @Test
    void mapWithoutADerivativeCannotBeRecorded() {
        Tensor p = Tensor.of(new float[] {1, 2}, 2).requiresGrad();
        assertThatThrownBy(() -> p.map(Math::exp)).hasMessageContaining("map(f, df)");
        assertThat(Grad.noGrad(() -> p.map(Math::exp)).toArray()).hasSize(2);
        assertThat(p.map(Math::exp, Math::exp).gradFn()).isNotNull();
    }

    @Test
    void backwardErrorsSayWhatIsWrong() {
        Tensor p = Tensor.of(new float[] {1, 2}, 2).requiresGrad();
        assertThatThrownBy(() -> p.mul(2f).backward()).hasMessageContaining("needs a scalar but the shape is [2]");
        Tensor c = Tensor.scalar(1f);
        assertThatThrownBy(() -> c.mul(2f).backward()).hasMessageContaining("does not need a gradient");
        assertThatThrownBy(() -> p.mul(2f).requiresGrad(false)).hasMessageContaining("only a leaf");
    }

    @Test
    void parametersStartFrozenAndModulesSwitchModes() {
        Net net = new Net();
        assertThat(net.isTraining()).isFalse();
        assertThat(net.lin.weight().needsGrad()).isFalse();
        net.requiresGrad(true).train();
        assertThat(net.drop.isTraining()).isTrue();
        Parameter w = net.lin.weight();
        w.set("w", Tensor.full(0.5f, 2, 3));
        assertThat(w.value().needsGrad()).isTrue();                  // a new value stays trainable
        Tensor x = Tensor.full(1f, 4, 3);
        net.eval();
        net.forward(x).sum().backward();
        assertThat(w.grad().toArray()).containsOnly(4f);              // Σ over 4 rows of x = 1, dropout off
        net.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void dropoutIsInvertedInTrainingAndIdentityInEval() {
        Dropout d = new Dropout(0.25, new dev.transformers4j.core.Rng(3));
        Tensor x = Tensor.full(1f, 1000);
        assertThat(d.forward(x)).isSameAs(x);
        d.train();
        float[] y = d.forward(x).toArray();
        int zeros = 0;
        for (float v : y) {
            assertThat(v).isIn(0f, 1f / 0.75f);
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros).isBetween(200, 300);
    }

    private static final class Net extends Module {
        final Linear lin = child("lin", new Linear(3, 2));
        final Dropout drop = child("drop", new Dropout(0.5));

        Tensor forward(Tensor x) {
            return drop.forward(lin.forward(x));
        }
    }
}
