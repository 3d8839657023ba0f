package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.ReferenceKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sweeps the vector matmul against {@link ReferenceKernels} over odd sizes, both layouts of B, both
 * accumulate modes, non-zero offsets and leading dimensions wider than the rows. Accumulation order
 * differs, so results agree within {@code 4·√k·ulp(1)·Σ|a||b|} per element; everything outside the
 * {@code [m, n]} window of C must be left untouched, bit for bit.
 */
class MatmulSweepTest {

    static final int[] SIZES = {1, 3, 7, 16, 17, 37, 64, 65, 771};
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels VECTOR = new VectorKernels(2);

    @Test
    void allSmallShapesEveryMode() {
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    int big = (m == 771 ? 1 : 0) + (n == 771 ? 1 : 0) + (k == 771 ? 1 : 0);
                    if (big > 1) {
                        continue;
                    }
                    // every mode for small shapes; for shapes with one 771, two modes chosen by the shape
                    for (int mode = 0; mode < 4; mode++) {
                        if (big == 0 || mode % 2 == (m + n + k) % 2) {
                            check(m, n, k, (mode & 1) != 0, (mode & 2) != 0, 1000L * m + 100 * n + k + mode);
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeShapes() {
        int[][] shapes = {{771, 771, 17, 1}, {771, 65, 771, 0}, {37, 771, 771, 1}, {771, 771, 771, 1},
            {771, 771, 771, 0}, {128, 1536, 384, 1}, {1, 1536, 384, 1}, {1, 1536, 384, 0}, {2, 384, 1536, 0}};
        for (int[] s : shapes) {
            check(s[0], s[1], s[2], s[3] == 1, false, 7);
            check(s[0], s[1], s[2], s[3] == 1, true, 8);
        }
    }

    /** Runs one product on both backends with padded operands and compares. */
    static void check(int m, int n, int k, boolean transB, boolean accumulate, long seed) {
        Random rnd = new Random(seed);
        int aOff = 3, lda = k + 5, bOff = 7, ldb = (transB ? k : n) + 2, cOff = 11, ldc = n + 3;
        float[] a = random(rnd, aOff + m * lda), b = random(rnd, bOff + (transB ? n : k) * ldb);
        float[] c0 = random(rnd, cOff + m * ldc + 4);
        float[] expected = c0.clone(), actual = c0.clone();
        REFERENCE.matmul(m, n, k, a, aOff, lda, b, bOff, ldb, transB, expected, cOff, ldc, accumulate);
        VECTOR.matmul(m, n, k, a, aOff, lda, b, bOff, ldb, transB, actual, cOff, ldc, accumulate);
        // Σ|a||b| (+|c|) bounds the rounding error of any summation order
        float[] magnitude = new float[m * n];
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    magnitude[i * n + j] = Math.abs(c0[cOff + i * ldc + j]);
                }
            }
        }
        REFERENCE.matmul(m, n, k, abs(a), aOff, lda, abs(b), bOff, ldb, transB, magnitude, 0, n, accumulate);
        double ulpsTolerance = 4 * Math.sqrt(k + 1) * Math.ulp(1f);
        for (int idx = 0; idx < c0.length; idx++) {
            int rel = idx - cOff, i = Math.floorDiv(rel, ldc), j = rel - i * ldc;
            boolean inside = rel >= 0 && i < m && j < n;
            if (!inside) {
                if (Float.floatToRawIntBits(actual[idx]) != Float.floatToRawIntBits(c0[idx])) {
                    fail("m=%d n=%d k=%d transB=%b accumulate=%b: wrote outside C at index %d",
                            m, n, k, transB, accumulate, idx);
                }
                continue;
            }
            double tolerance = ulpsTolerance * magnitude[i * n + j] + 1e-30;
            if (!(Math.abs(actual[idx] - expected[idx]) <= tolerance)) {
                fail("m=%d n=%d k=%d transB=%b accumulate=%b: C[%d, %d] = %s but reference %s (tolerance %s)",
                        m, n, k, transB, accumulate, i, j, actual[idx], expected[idx], tolerance);
            }
        }
    }

    /** {@code C = Aᵀ·B} with A stored [k, m]: the vector kernel against the reference, and against A·B on Aᵀ copied. */
    @Test
    void transposedA() {
        int[][] shapes = {{1, 3, 7}, {3, 1, 7}, {7, 17, 1}, {17, 37, 65}, {64, 65, 16}, {128, 512, 4096},
            {771, 37, 64}, {37, 771, 771}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean accumulate : new boolean[] {false, true}) {
                Random rnd = new Random(m * 31L + n * 7L + k);
                int aOff = 3, lda = m + 5, bOff = 2, ldb = n + 1, cOff = 4, ldc = n + 2;
                float[] a = random(rnd, aOff + k * lda), b = random(rnd, bOff + k * ldb);
                float[] c0 = random(rnd, cOff + m * ldc);
                float[] expected = c0.clone(), actual = c0.clone(), viaCopy = c0.clone();
                REFERENCE.matmulTransA(m, n, k, a, aOff, lda, b, bOff, ldb, expected, cOff, ldc, accumulate);
                VECTOR.matmulTransA(m, n, k, a, aOff, lda, b, bOff, ldb, actual, cOff, ldc, accumulate);
                float[] at = new float[m * k];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        at[i * k + p] = a[aOff + p * lda + i];
                    }
                }
                REFERENCE.matmul(m, n, k, at, 0, k, b, bOff, ldb, false, viaCopy, cOff, ldc, accumulate);
                float[] magnitude = new float[c0.length];
                for (int i = 0; i < c0.length; i++) {
                    magnitude[i] = Math.abs(c0[i]) + Math.abs(expected[i]) + 1;
                }
                for (int i = 0; i < c0.length; i++) {
                    double tolerance = 4 * Math.sqrt(k + 1) * Math.ulp(1f) * k * magnitude[i];
                    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)
                            || !(Math.abs(viaCopy[i] - expected[i]) <= tolerance)) {
                        fail("Aᵀ·B m=%d n=%d k=%d accumulate=%b: [%d] vector %s, reference %s, A·B on a copy %s",
                                m, n, k, accumulate, i, actual[i], expected[i], viaCopy[i]);
                    }
                }
            }
        }
    }

    @Test
    void matmulBatchedMatchesReference() {
        // attention-like: [heads, T, D] blocks inside one array, QKᵀ (transB) and P·V
        for (int t : new int[] {1, 7, 17, 65}) {
            for (int d : new int[] {16, 32, 37}) {
                int heads = 12;
                Random rnd = new Random(31L * t + d);
                float[] q = random(rnd, heads * t * d + 5), kv = random(rnd, heads * t * d + 5);
                int[] qOffs = new int[heads], sOffs = new int[heads];
                for (int h = 0; h < heads; h++) {
                    qOffs[h] = 5 + h * t * d;
                    sOffs[h] = h * t * t;
                }
                float[] expected = new float[heads * t * t], actual = new float[heads * t * t];
                REFERENCE.matmulBatched(heads, t, t, d, q, qOffs, d, kv, qOffs, d, true, expected, sOffs, t);
                VECTOR.matmulBatched(heads, t, t, d, q, qOffs, d, kv, qOffs, d, true, actual, sOffs, t);
                assertClose(actual, expected, d, "scores t=" + t + " d=" + d);

                float[] pv = new float[heads * t * d + 5], pvExpected = new float[heads * t * d + 5];
                REFERENCE.matmulBatched(heads, t, d, t, expected, sOffs, t, kv, qOffs, d, false, pvExpected, qOffs, d);
                VECTOR.matmulBatched(heads, t, d, t, expected, sOffs, t, kv, qOffs, d, false, pv, qOffs, d);
                assertClose(pv, pvExpected, t, "context t=" + t + " d=" + d);
            }
        }
    }

    /** Splitting rows or columns over threads never changes which arithmetic produces an element: bitwise equal. */
    @Test
    void twoThreadsEqualOneThreadBitwise() {
        VectorKernels one = new VectorKernels(1);
        int[][] shapes = {{771, 384, 384}, {1, 1536, 384}, {17, 1536, 384}, {256, 65, 771}, {3, 771, 771}};
        for (int[] s : shapes) {
            for (boolean transB : new boolean[] {true, false}) {
                int m = s[0], n = s[1], k = s[2];
                Random rnd = new Random(m + n + k);
                float[] a = random(rnd, m * k), b = random(rnd, n * k);
                float[] c1 = new float[m * n], c2 = new float[m * n];
                one.matmul(m, n, k, a, 0, k, b, 0, transB ? k : n, transB, c1, 0, n, false);
                VECTOR.matmul(m, n, k, a, 0, k, b, 0, transB ? k : n, transB, c2, 0, n, false);
                assertThat(c2).as("m=%d n=%d k=%d transB=%b", m, n, k, transB).isEqualTo(c1);
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected, int k, String what) {
        for (int i = 0; i < actual.length; i++) {
            double tolerance = 4 * Math.sqrt(k) * Math.ulp(1f) * k * (1 + Math.abs(expected[i]));
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                fail("%s: [%d] = %s but reference %s", what, i, actual[i], expected[i]);
            }
        }
    }

    static float[] random(Random rnd, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static float[] abs(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(y[i]);
        }
        return y;
    }
}
