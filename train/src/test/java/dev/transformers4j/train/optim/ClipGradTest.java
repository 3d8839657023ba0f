package dev.transformers4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipGradTest {

    /** Gradients (3, 4) and (12): ‖g‖ = √(9 + 16 + 144) = 13; clipped to 6.5 each is halved (6.5/(13 + 1e-6)). */
    @Test
    void scalesAllGradientsByOneFactor() {
        Parameter a = withGrad(3f, 4f);
        Parameter b = withGrad(12f);
        Parameter none = new Parameter(2);
        double norm = ClipGrad.clipGradNorm(List.of(a, b, none), 6.5);
        assertThat(norm).isCloseTo(13.0, within(1e-12));
        assertThat((double) a.grad().get(0)).isCloseTo(1.5, within(1e-6));
        assertThat((double) a.grad().get(1)).isCloseTo(2.0, within(1e-6));
        assertThat((double) b.grad().get(0)).isCloseTo(6.0, within(1e-6));
    }

    @Test
    void gradientsBelowTheLimitAreUntouched() {
        Parameter a = withGrad(3f, 4f);
        assertThat(ClipGrad.clipGradNorm(List.of(a), 5.1)).isCloseTo(5.0, within(1e-12));
        assertThat(a.grad().toArray()).containsExactly(3f, 4f);
    }

    /** A shared (tied) parameter listed twice counts once. */
    @Test
    void sharedParameterCountsOnce() {
        Parameter a = withGrad(3f, 4f);
        assertThat(ClipGrad.clipGradNorm(List.of(a, a), 100)).isCloseTo(5.0, within(1e-12));
    }

    private static Parameter withGrad(float... g) {
        Parameter p = new Parameter(g.length);
        p.requiresGrad(true);
        p.value().accumulateGrad(Tensor.of(g.clone(), g.length));
        return p;
    }
}
