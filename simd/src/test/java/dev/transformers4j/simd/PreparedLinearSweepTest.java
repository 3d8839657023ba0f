package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.WeightDType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sweeps the vector backend's prepared float32 linear ({@link PackedWeight}: B packed once, bias and activation
 * in the epilogue) against {@link ReferenceKernels#linear} over odd sizes (k beyond one k-block, out beyond one
 * column block), both weight layouts, every activation, with and without bias, with row strides wider than the
 * rows, on 1 and 2 threads. The summation order differs from the reference, so results agree within the bound of
 * {@link MatmulSweepTest} (times GELU's largest slope) plus the GELU routines' own difference; 1 and 2 threads must
 * agree bit for bit (the threads split rows or columns, never k); nothing outside the output window is written.
 */
class PreparedLinearSweepTest {

    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels ONE_THREAD = new VectorKernels(1);
    private static final VectorKernels TWO_THREADS = new VectorKernels(2);
    private static final int[] M = {1, 2, 5, 6, 7, 13, 16, 17, 128, 300};
    private static final FusedActivation[] ACTS = FusedActivation.values();

    @Test
    void smallAndMediumShapesEveryMode() {
        int[] ns = {1, 7, 32, 33, 100};
        int[] ks = {1, 3, 16, 37, 257, 600};
        int variant = 0;
        for (int m : M) {
            for (int n : ns) {
                for (int k : ks) {
                    // every (layout, activation, bias) combination over the sweep, two per shape
                    for (int rep = 0; rep < 2; rep++, variant++) {
                        check(m, n, k, variant % 2 == 1, ACTS[variant / 2 % ACTS.length], variant / 8 % 2 == 0,
                                31L * variant + m);
                    }
                }
            }
        }
    }

    @Test
    void wideAndDeepShapes() {
        // out > NC (1536), k > KC (256) and not a multiple of the k-blocks, BERT's and GPT-2's widths
        int[][] shapes = {{1, 1601, 37}, {2, 1601, 300}, {17, 1601, 513}, {128, 1536, 384}, {300, 384, 1536},
            {1, 2304, 768}, {5, 3072, 768}, {7, 768, 3072}, {300, 1543, 65}};
        int variant = 0;
        for (int[] s : shapes) {
            for (FusedActivation act : ACTS) {
                check(s[0], s[1], s[2], variant % 2 == 0, act, variant % 3 != 2, variant);
                variant++;
            }
        }
    }

    @Test
    void emptyInputGivesBiasThenActivation() {
        for (boolean inOut : new boolean[] {false, true}) {
            check(3, 40, 0, inOut, FusedActivation.GELU_ERF, true, 1);
            check(1, 40, 0, inOut, FusedActivation.RELU, true, 2);
        }
    }

    @Test
    void preparedWeightIsAPackedCopyOfTheWeight() {
        float[] w = random(new Random(3), 5 * 9);
        PreparedWeight p = TWO_THREADS.prepareWeight(w, 0, 9, 5, 9, false, WeightDType.FLOAT32);
        assertThat(p).isInstanceOf(PackedWeight.class);
        assertThat(p.out()).isEqualTo(5);
        assertThat(p.in()).isEqualTo(9);
        assertThat(p.bytes()).isEqualTo(4L * 9 * SgemmKernel.NR);   // one zero-padded panel
        // later writes to the weight are not seen (Tensor drops its cached form when the weight changes)
        float[] x = random(new Random(4), 9);
        float[] before = new float[5], after = new float[5];
        TWO_THREADS.linear(1, x, 0, 9, p, null, 0, FusedActivation.NONE, before, 0, 5);
        w[0] += 1f;
        TWO_THREADS.linear(1, x, 0, 9, p, null, 0, FusedActivation.NONE, after, 0, 5);
        assertThat(after).containsExactly(before);
    }

    @Test
    void badShapesAreNamed() {
        assertThatThrownBy(() -> TWO_THREADS.prepareWeight(new float[6], 0, 3, -1, 3, false, WeightDType.FLOAT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> TWO_THREADS.prepareWeight(new float[6], 0, 3, 3, 3, false, WeightDType.FLOAT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w:");
    }

    /** One product on the reference and on the vector backend with 1 and 2 threads, operands padded. */
    static void check(int m, int n, int k, boolean inOut, FusedActivation act, boolean withBias, long seed) {
        Random rnd = new Random(seed);
        int xOff = 3, ldx = k + 5, wOff = 7, ldw = (inOut ? n : k) + 2, yOff = 11, ldy = n + 3, biasOff = 2;
        float[] x = random(rnd, xOff + m * ldx), w = random(rnd, wOff + (inOut ? k : n) * ldw);
        float[] bias = withBias ? random(rnd, biasOff + n) : null;
        float[] y0 = random(rnd, yOff + m * ldy + 4);
        float[] expected = y0.clone(), one = y0.clone(), two = y0.clone();
        REFERENCE.linear(m, x, xOff, ldx, REFERENCE.prepareWeight(w, wOff, ldw, n, k, inOut, WeightDType.FLOAT32),
                bias, biasOff, act, expected, yOff, ldy);
        ONE_THREAD.linear(m, x, xOff, ldx, ONE_THREAD.prepareWeight(w, wOff, ldw, n, k, inOut, WeightDType.FLOAT32),
                bias, biasOff, act, one, yOff, ldy);
        TWO_THREADS.linear(m, x, xOff, ldx, TWO_THREADS.prepareWeight(w, wOff, ldw, n, k, inOut, WeightDType.FLOAT32),
                bias, biasOff, act, two, yOff, ldy);
        String what = String.format("m=%d n=%d k=%d inOut=%b act=%s bias=%b", m, n, k, inOut, act, withBias);
        // Σ|x||w| + |b| bounds the rounding error of any summation order
        float[] magnitude = new float[m * n];
        REFERENCE.linear(m, abs(x), xOff, ldx, REFERENCE.prepareWeight(abs(w), wOff, ldw, n, k, inOut,
                WeightDType.FLOAT32), withBias ? abs(bias) : null, biasOff, FusedActivation.NONE, magnitude, 0, n);
        double ulps = 1.2 * 4 * Math.sqrt(k + 2) * Math.ulp(1f);   // 1.2: GELU's slope is at most 1.13
        for (int idx = 0; idx < y0.length; idx++) {
            int rel = idx - yOff, i = Math.floorDiv(rel, ldy), j = rel - i * ldy;
            if (Float.floatToRawIntBits(one[idx]) != Float.floatToRawIntBits(two[idx])) {
                fail("%s: 1 and 2 threads differ at index %d: %s vs %s", what, idx, one[idx], two[idx]);
            }
            if (!(rel >= 0 && i < m && j < n)) {
                if (Float.floatToRawIntBits(one[idx]) != Float.floatToRawIntBits(y0[idx])) {
                    fail("%s: wrote outside y at index %d", what, idx);
                }
                continue;
            }
            double tolerance = ulps * magnitude[i * n + j] + 1e-6 * Math.abs(expected[idx]) + 1e-7;
            if (!(Math.abs(one[idx] - expected[idx]) <= tolerance)) {
                fail("%s: y[%d, %d] = %s but reference %s (tolerance %s)", what, i, j, one[idx], expected[idx],
                        tolerance);
            }
        }
    }

    static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static float[] abs(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.abs(a[i]);
        }
        return r;
    }
}
