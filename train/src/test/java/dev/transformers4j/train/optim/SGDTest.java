package dev.transformers4j.train.optim;

import static dev.transformers4j.train.optim.OptimizerTesting.GRADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;

class SGDTest {

    /**
     * lr 0.1, μ 0.9, p = (1, −2, 0.5).
     * <pre>
     * step 1: b = g = (0.1, −0.2, 0.3)                          p = p − 0.1·b = (0.99, −1.98, 0.47)
     * step 2: b = 0.9·b + g = (0.29, 0.02, 0.17)                 p = (0.961, −1.982, 0.453)
     * step 3: b = 0.9·b + g = (−0.039, 0.118, 0.153)             p = (0.9649, −1.9938, 0.4377)
     * </pre>
     */
    @Test
    void momentum() {
        check(new double[][] {{0.99, -1.98, 0.47}, {0.961, -1.982, 0.453}, {0.9649, -1.9938, 0.4377}}, 0.9, 0, false, 0);
    }

    /**
     * Nesterov: the same buffers, but d = g + μ·b.
     * <pre>
     * step 1: b = g, d = g + 0.9·g = (0.19, −0.38, 0.57)                  p = (0.981, −1.962, 0.443)
     * step 2: b = (0.29, 0.02, 0.17), d = g + 0.9·b = (0.461, 0.218, 0.053)   p = (0.9349, −1.9838, 0.4377)
     * step 3: b = (−0.039, 0.118, 0.153), d = (−0.3351, 0.2062, 0.1377)      p = (0.96841, −2.00442, 0.42393)
     * </pre>
     */
    @Test
    void nesterov() {
        check(new double[][] {{0.981, -1.962, 0.443}, {0.9349, -1.9838, 0.4377}, {0.96841, -2.00442, 0.42393}},
                0.9, 0, true, 0);
    }

    /**
     * Dampening τ 0.5 and coupled decay λ 0.1: d = g + 0.1·p, b = d on step 1, then b = 0.9·b + 0.5·d.
     * <pre>
     * step 1: d = (0.1 + 0.1, −0.2 − 0.2, 0.3 + 0.05) = (0.2, −0.4, 0.35)    p = (0.98, −1.96, 0.465)
     * step 2: d = (0.298, 0.004, −0.0535), b = (0.329, −0.358, 0.28825)     p = (0.9471, −1.9242, 0.436175)
     * step 3:                                                            p = (0.9277545, −1.887359, 0.408051625)
     * </pre>
     */
    @Test
    void dampeningAndWeightDecay() {
        check(new double[][] {{0.98, -1.96, 0.465}, {0.9471, -1.9242, 0.436175}, {0.9277545, -1.887359, 0.408051625}},
                0.9, 0.5, false, 0.1);
    }

    @Test
    void plainSgdIsLrTimesGradient() {
        Parameter p = OptimizerTesting.parameter();
        SGD opt = new SGD(OptimizerTesting.group(p, 0), 0.5);
        OptimizerTesting.step(opt, p, GRADS[0]);
        assertThat(p.value().toArray()).containsExactly(new float[] {0.95f, -1.9f, 0.35f}, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(opt.state().buffers()).isEmpty();
    }

    @Test
    void nesterovNeedsMomentum() {
        assertThatThrownBy(() -> new SGD(OptimizerTesting.group(OptimizerTesting.parameter(), 0), 0.1, 0, 0, true))
                .hasMessageContaining("nesterov");
    }

    @Test
    void momentumBufferRoundTrip() {
        Parameter a = OptimizerTesting.parameter();
        SGD optA = new SGD(OptimizerTesting.group(a, 0), 0.1, 0.9, 0, false);
        OptimizerTesting.step(optA, a, GRADS[0]);
        Parameter b = OptimizerTesting.parameter();
        b.set("w", a.value());
        SGD optB = new SGD(OptimizerTesting.group(b, 0), 0.1, 0.9, 0, false);
        optB.loadState(optA.state());
        OptimizerTesting.step(optA, a, GRADS[1]);
        OptimizerTesting.step(optB, b, GRADS[1]);
        assertThat(b.value().toArray()).containsExactly(a.value().toArray());
    }

    private static void check(double[][] expected, double momentum, double dampening, boolean nesterov, double wd) {
        Parameter p = OptimizerTesting.parameter();
        SGD opt = new SGD(OptimizerTesting.group(p, wd), 0.1, momentum, dampening, nesterov);
        for (int s = 0; s < 3; s++) {
            OptimizerTesting.step(opt, p, GRADS[s]);
            for (int i = 0; i < 3; i++) {
                assertThat((double) p.value().get(i)).as("step %d, element %d", s + 1, i)
                        .isCloseTo(expected[s][i], within(1e-6));
            }
        }
    }
}
