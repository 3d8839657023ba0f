package dev.transformers4j.simd;

import static dev.transformers4j.simd.MatmulSweepTest.SIZES;
import static dev.transformers4j.simd.MatmulSweepTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.ReferenceKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sweeps every non-matmul vector kernel against {@link ReferenceKernels} on odd sizes, at an odd offset,
 * requiring {@code |x − r| ≤ 1e-5 + 1e-4·|r|} and that nothing outside the operand changes.
 */
class ElementwiseSweepTest {

    private static final int OFF = 5;
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels VECTOR = new VectorKernels(2);

    @Test
    void softmaxRows() {
        for (int cols : SIZES) {
            float[] x = random(new Random(cols), OFF + 3 * cols + 2);
            for (int i = OFF; i < OFF + 3 * cols; i++) {
                x[i] *= 20;
            }
            compare("softmaxRows cols=" + cols, x, (k, y) -> k.softmaxRows(y, OFF, 3, cols));
        }
    }

    @Test
    void softmaxRowsSplitOverThreads() {
        // 37 rows × 1000 and 5 rows × 8000 (a language-model head) exceed the parallel threshold
        for (int[] rc : new int[][] {{37, 1000}, {5, 8000}, {2, 16411}}) {
            float[] x = random(new Random(rc[1]), OFF + rc[0] * rc[1] + 2);
            compare("softmaxRows " + rc[0] + "x" + rc[1], x, (k, y) -> k.softmaxRows(y, OFF, rc[0], rc[1]));
        }
    }

    @Test
    void softmaxWithMasks() {
        float ninf = Float.NEGATIVE_INFINITY;
        for (int cols : SIZES) {
            // row 0: masked tail (-inf); row 1: large negative additive mask; row 2: fully masked; row 3: -MAX_VALUE
            float[] x = random(new Random(cols), 4 * cols);
            for (int j = 0; j < cols; j++) {
                if (j > cols / 2) {
                    x[j] = ninf;
                    x[cols + j] += -1e9f;
                }
                x[2 * cols + j] = ninf;
                x[3 * cols + j] = j % 3 == 0 ? -Float.MAX_VALUE : x[3 * cols + j] * 80;
            }
            compare("masked softmaxRows cols=" + cols, x, (k, y) -> k.softmaxRows(y, 0, 4, cols));
            float[] probs = x.clone();
            VECTOR.softmaxRows(probs, 0, 4, cols);
            for (int j = cols / 2 + 1; j < cols; j++) {
                assertThat(probs[j]).as("masked probability").isZero();
            }
        }
    }

    @Test
    void layerNorm() {
        for (int cols : SIZES) {
            Random rnd = new Random(cols);
            float[] x = random(rnd, OFF + 3 * cols), gamma = random(rnd, cols), beta = random(rnd, cols);
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * 4 + 3;  // an offset mean, as residual streams have
            }
            float[] y = random(rnd, OFF + 3 * cols + 1);
            float[] expected = y.clone();
            REFERENCE.layerNorm(x, OFF, expected, 1, 3, cols, gamma, beta, 1e-12f);
            VECTOR.layerNorm(x, OFF, y, 1, 3, cols, gamma, beta, 1e-12f);
            assertClose("layerNorm cols=" + cols, y, expected);
        }
    }

    @Test
    void gelus() {
        for (int n : SIZES) {
            float[] x = random(new Random(n), OFF + n + 3);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 12;  // covers both tails: [-12, 12]
            }
            compare("geluErf n=" + n, x, (k, y) -> k.geluErf(y, OFF, n));
            compare("geluTanh n=" + n, x, (k, y) -> k.geluTanh(y, OFF, n));
        }
        float[] extremes = {0f, -0f, 1e-30f, -1e-30f, 100f, -100f, 1e30f, -1e30f, 5.5f, -5.5f, 0.5f, -0.5f,
            3f, -3f, 9f, -9f, 1e-4f, -1e-4f};
        compare("geluErf extremes", extremes, (k, y) -> k.geluErf(y, 0, y.length));
        compare("geluTanh extremes", extremes, (k, y) -> k.geluTanh(y, 0, y.length));
    }

    @Test
    void geluBackwards() {
        // sizes past the threading threshold too (2^15 elements), where the vector kernels split the work
        int[] sizes = java.util.stream.IntStream.concat(java.util.Arrays.stream(SIZES),
                java.util.stream.IntStream.of(40_003, 100_000)).toArray();
        for (int n : sizes) {
            Random rnd = new Random(n);
            float[] x = random(rnd, OFF + n + 3);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 12;
            }
            float[] g = random(rnd, n + 9);
            compare("geluErfBackward n=" + n, g, (k, y) -> k.geluErfBackward(x, OFF, y, 2, n));
            compare("geluTanhBackward n=" + n, g, (k, y) -> k.geluTanhBackward(x, OFF, y, 2, n));
            compare("geluTanh threaded n=" + n, x, (k, y) -> k.geluTanh(y, OFF, n));
            float[] b = random(rnd, n + 4);
            compare("mul n=" + n, g, (k, y) -> k.mul(y, 1, b, 3, y, 1, n));
        }
        float[] extremes = {0f, -0f, 1e-30f, -1e-30f, 100f, -100f, 1e30f, -1e30f, 5.5f, -5.5f, 0.5f, -0.5f,
            3f, -3f, 9f, -9f, 1e-4f, -1e-4f};
        float[] ones = new float[extremes.length];
        java.util.Arrays.fill(ones, 1f);
        compare("geluErfBackward extremes", ones, (k, y) -> k.geluErfBackward(extremes, 0, y, 0, y.length));
        compare("geluTanhBackward extremes", ones, (k, y) -> k.geluTanhBackward(extremes, 0, y, 0, y.length));
    }

    @Test
    void addScaleDot() {
        for (int n : SIZES) {
            Random rnd = new Random(n);
            float[] x = random(rnd, OFF + 2 * n + 7), bias = random(rnd, n + 2);
            compare("addInPlace n=" + n, x, (k, y) -> k.addInPlace(y, OFF, y, OFF + n + 1, n));
            compare("addRowVector cols=" + n, x, (k, y) -> k.addRowVector(y, 1, 2, n, bias, 2));
            compare("scale n=" + n, x, (k, y) -> k.scale(y, OFF, n, -0.37f));
            float expected = REFERENCE.dot(x, OFF, x, OFF + n, n);
            float actual = VECTOR.dot(x, OFF, x, OFF + n, n);
            assertThat((double) actual).as("dot n=%d", n).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                    4 * Math.sqrt(n) * Math.ulp(1f) * n));
        }
    }

    @Test
    void backendSwitchFindsTheVectorKernels() {
        Kernels kernels = Backend.create(Backend.VECTOR, 2);
        assertThat(kernels).isInstanceOf(VectorKernels.class);
        assertThat(kernels.name()).isEqualTo("vector");
        assertThat(((VectorKernels) kernels).threads()).isEqualTo(2);
        assertThat(new VectorKernelsProvider().isAvailable()).isTrue();
        assertThat(Backend.create("", 1)).as("the default is the fastest available").isInstanceOf(VectorKernels.class);
    }

    /** Every kernel split over three threads at every size still matches the reference (and writes nothing else). */
    @Test
    void splitAtEverySize() {
        VectorKernels split = new VectorKernels(3, 0);
        for (int n : SIZES) {
            Random rnd = new Random(n);
            float[] x = random(rnd, OFF + 3 * n + 7), bias = random(rnd, n + 2), gamma = random(rnd, n);
            for (java.util.function.BiConsumer<Kernels, float[]> op : java.util.List.<java.util.function.BiConsumer<Kernels, float[]>>of(
                    (k, y) -> k.softmaxRows(y, OFF, 3, n),
                    (k, y) -> k.layerNorm(y.clone(), OFF, y, 1, 3, n, gamma, bias, 1e-5f),
                    (k, y) -> k.geluErf(y, OFF, 3 * n),
                    (k, y) -> k.geluTanh(y, OFF, 3 * n),
                    (k, y) -> k.geluErfBackward(y.clone(), OFF, y, 2, 3 * n),
                    (k, y) -> k.geluTanhBackward(y.clone(), OFF, y, 1, 3 * n),
                    (k, y) -> k.addRowVector(y, OFF, 3, n, bias, 1),
                    (k, y) -> k.addInPlace(y, OFF, y.clone(), 2, 3 * n),
                    (k, y) -> k.scale(y, OFF, 3 * n, 1.7f),
                    (k, y) -> k.mul(y, OFF, y.clone(), 3, y, OFF, 3 * n))) {
                float[] expected = x.clone(), actual = x.clone();
                op.accept(REFERENCE, expected);
                op.accept(split, actual);
                assertClose("split n=" + n, actual, expected);
            }
        }
    }

    /** Applies {@code op} to a copy of {@code x} on each backend and compares the whole arrays. */
    private static void compare(String what, float[] x, java.util.function.BiConsumer<Kernels, float[]> op) {
        float[] expected = x.clone(), actual = x.clone();
        op.accept(REFERENCE, expected);
        op.accept(VECTOR, actual);
        assertClose(what, actual, expected);
    }

    private static void assertClose(String what, float[] actual, float[] expected) {
        for (int i = 0; i < actual.length; i++) {
            double r = expected[i];
            if (!(Math.abs(actual[i] - r) <= 1e-5 + 1e-4 * Math.abs(r)) && Float.compare(actual[i], expected[i]) != 0) {
                fail("%s: [%d] = %s but reference %s", what, i, actual[i], expected[i]);
            }
        }
    }
}
