package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.MathFunctions;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector exp and GELUs against double-precision truth on a dense grid: a tighter bar
 * ({@code 2e-6} relative, {@code 1e-7} absolute) than the kernel sweeps use, so an inaccurate
 * polynomial coefficient cannot hide inside the sweep tolerance.
 */
class VectorMathTest {

    private static final int N = 20_000 / FloatVector.SPECIES_PREFERRED.length() * FloatVector.SPECIES_PREFERRED.length();

    @Test
    void expShifted() {
        float[] x = grid(-90f, 0f);
        double[] truth = new double[N];
        double sum = 0;
        for (int i = 0; i < N; i++) {
            truth[i] = Math.exp(x[i] - 1.5);
            sum += truth[i];
        }
        float actualSum = VectorMath.expShifted(x, 0, N, 1.5f);
        check("exp", x, truth);
        if (Math.abs(actualSum - sum) > 1e-5 * sum) {
            fail("sum of exp: %s but %s", actualSum, sum);
        }
    }

    @Test
    void geluErf() {
        float[] x = grid(-12f, 12f);
        double[] truth = new double[N];
        for (int i = 0; i < N; i++) {
            truth[i] = 0.5 * x[i] * (1 + MathFunctions.erf(x[i] / Math.sqrt(2)));
        }
        VectorMath.geluErf(x, 0, N);
        check("geluErf", x, truth);
    }

    @Test
    void geluTanh() {
        float[] x = grid(-12f, 12f);
        double[] truth = new double[N];
        for (int i = 0; i < N; i++) {
            double v = x[i];
            truth[i] = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        }
        VectorMath.geluTanh(x, 0, N);
        check("geluTanh", x, truth);
    }

    private static float[] grid(float from, float to) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = from + (to - from) * i / (N - 1);
        }
        return x;
    }

    private static void check(String what, float[] actual, double[] truth) {
        for (int i = 0; i < N; i++) {
            if (!(Math.abs(actual[i] - truth[i]) <= 1e-7 + 2e-6 * Math.abs(truth[i]))) {
                fail("%s [%d]: %s but %s", what, i, actual[i], truth[i]);
            }
        }
    }
}
