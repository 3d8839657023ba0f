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

    /** Every 61st float of [−86.98, 88.72] (37 million): within 1.02 ulp of the exact e^x (1.013 over all of them). */
    @Test
    void expWithinOneUlp() {
        int v = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[1 << 16], y = new float[x.length];
        double worst = 0;
        float worstX = 0;
        for (int sign = 0; sign < 2; sign++) {
            int end = Float.floatToRawIntBits(sign == 0 ? 86.98f : 88.72f);
            int n = 0;
            for (int bits = 0; bits <= end; bits += 61) {
                x[n++] = Float.intBitsToFloat(bits | (sign == 0 ? 0x8000_0000 : 0));
                if (n == x.length || bits + 61 > end) {
                    for (int i = 0; i < n; i += v) {
                        VectorMath.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(y, i);
                    }
                    for (int i = 0; i < n / v * v; i++) {
                        double exact = Math.exp(x[i]);
                        double ulps = Math.abs(y[i] - exact) / Math.ulp((float) exact);
                        if (ulps > worst) {
                            worst = ulps;
                            worstX = x[i];
                        }
                    }
                    n = 0;
                }
            }
        }
        if (worst > 1.02) {
            fail("exp(%s) is %s ulp off", worstX, worst);
        }
    }

    @Test
    void expEdges() {
        float[] x = java.util.Arrays.copyOf(new float[] {Float.NEGATIVE_INFINITY, -1e30f, -87.5f, -86.99f, 88.7228f,
            88.72284f, 100f, Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f, -86.97f}, 32);
        float[] y = new float[32];
        for (int i = 0; i < 32; i += FloatVector.SPECIES_PREFERRED.length()) {
            VectorMath.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(y, i);
        }
        float inf = Float.POSITIVE_INFINITY;
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.copyOf(y, 11)).containsExactly(
                0f, 0f, 0f, 0f, 3.4026947E38f, inf, inf, inf, Float.NaN, 1f, 1f);
        org.assertj.core.api.Assertions.assertThat(y[11]).as("just above the flush bound").isEqualTo((float) Math.exp(-86.97f));
    }

    /** The lane sum is the pairwise tree (lane i + lane i + V/2, …) and nothing else, checked against it spelled out. */
    @Test
    void sumIsTheFixedTree() {
        int v = FloatVector.SPECIES_PREFERRED.length();
        java.util.Random rnd = new java.util.Random(3);
        for (int trial = 0; trial < 1000; trial++) {
            float[] lanes = new float[v];
            for (int i = 0; i < v; i++) {
                lanes[i] = (float) ((rnd.nextFloat() - 0.5) * Math.pow(2, rnd.nextInt(40) - 20));
            }
            float[] tree = lanes.clone();
            for (int h = v / 2; h >= 1; h /= 2) {
                for (int i = 0; i < h; i++) {
                    tree[i] = tree[i] + tree[i + h];
                }
            }
            float actual = VectorMath.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0));
            org.assertj.core.api.Assertions.assertThat(Float.floatToRawIntBits(actual)).as("trial %d", trial)
                    .isEqualTo(Float.floatToRawIntBits(tree[0]));
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
