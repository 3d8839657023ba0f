package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Dropout's counter-based mask ({@link Kernels#dropout}) and the tensor operation built on it. */
class DropoutTest {

    private static final ReferenceKernels REFERENCE = new ReferenceKernels();

    @Test
    void theKeepRateIsWithinFiveSigmaOfOneMinusPAndKeptElementsAreScaled() {
        int n = 1_000_000;
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            float[] x = new float[n];
            java.util.Arrays.fill(x, 1f);
            float[] y = new float[n];
            REFERENCE.dropout(x, 0, y, 0, n, p, 12345, 0);
            float scale = (float) (1.0 / (1.0 - p));
            int kept = 0;
            for (float v : y) {
                assertThat(v).as("p=%s: each element is 0 or 1/(1 − p)", p).isIn(0f, scale);
                kept += v == 0f ? 0 : 1;
            }
            double sigma = Math.sqrt(n * p * (1 - p));
            assertThat(Math.abs(kept - n * (1 - p))).as("p=%s: kept %d of %d", p, kept, n).isLessThan(5 * sigma);
        }
    }

    @Test
    void theMaskIsTheSequenceOfTheGeneratorsFloatsAndTheGeneratorMovesPastThem() {
        Rng sequential = new Rng(99);
        Rng counted = new Rng(99);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        Tensor y = Tensor.of(x, 17).dropout(0.3, counted);
        float scale = (float) (1.0 / 0.7);
        for (int i = 0; i < x.length; i++) {
            float expected = x[i] * (sequential.nextFloat() < 0.3 ? 0f : scale);
            assertThat(y.get(i)).as("element %d", i).isEqualTo(expected);
        }
        assertThat(counted.state()).isEqualTo(sequential.state());
    }

    @Test
    void anyRangeOfTheStreamCanBeDrawnOnItsOwn() {
        float[] x = uniform(1001, 7);
        float[] whole = new float[x.length];
        REFERENCE.dropout(x, 0, whole, 0, x.length, 0.25, -42, 0);
        float[] parts = new float[x.length];
        REFERENCE.dropout(x, 0, parts, 0, 300, 0.25, -42, 0);
        REFERENCE.dropout(x, 300, parts, 300, 701, 0.25, -42, 300);
        assertThat(parts).containsExactly(whole);
    }

    @Test
    void backwardMultipliesTheGradientByTheSameMask() {
        Tensor x = Tensor.of(uniform(4099, 3), 4099).requiresGrad(true);
        Tensor y = x.dropout(0.4, new Rng(5));
        Tensor g = Tensor.of(uniform(4099, 4), 4099);
        y.mul(g).sum().backward();
        float scale = (float) (1.0 / 0.6);
        for (int i = 0; i < 4099; i++) {
            boolean kept = y.get(i) != 0f;
            assertThat(x.grad().get(i)).as("element %d", i).isEqualTo(kept ? g.get(i) * scale : 0f);
        }
    }

    @Test
    void aNonContiguousInputGetsTheMaskInItsLogicalOrder() {
        Tensor x = Tensor.of(uniform(12, 8), 3, 4).transpose(0, 1);        // [4, 3], strided
        Tensor fromView = x.dropout(0.5, new Rng(11));
        Tensor fromCopy = Tensor.of(x.toArray(), 4, 3).dropout(0.5, new Rng(11));
        assertThat(fromView.toArray()).containsExactly(fromCopy.toArray());
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefused() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        assertThatThrownBy(() -> x.dropout(1.0, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout probability: expected a value in [0, 1) but was 1.0");
        assertThatThrownBy(() -> REFERENCE.dropout(new float[2], 0, new float[2], 0, 2, -0.1, 1, 0))
                .hasMessage("dropout probability: expected a value in [0, 1) but was -0.1");
    }

    private static float[] uniform(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
