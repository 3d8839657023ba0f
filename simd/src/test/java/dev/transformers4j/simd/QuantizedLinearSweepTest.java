package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.WeightDType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sweeps the vector int8 and bf16 products ({@link QuantizedLinear}) against the reference loops of
 * {@link ReferenceKernels#linear} on odd sizes, both weight layouts, with and without bias, every fused activation,
 * offsets and row strides wider than the rows. Both multiply the same quantised values; only the order of the
 * float sums differs, so outputs agree within {@code 1e-5·Σ|x_i·W_ji|}. Everything outside the {@code [m, out]}
 * window of y must be left untouched, bit for bit.
 */
class QuantizedLinearSweepTest {

    private static final int[] SIZES = {1, 3, 7, 16, 17, 37, 64, 65, 771};
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels VECTOR = new VectorKernels(2);

    @Test
    void oddSizesBothDTypesBothLayouts() {
        for (WeightDType dtype : new WeightDType[] {WeightDType.INT8, WeightDType.BF16}) {
            for (int m : SIZES) {
                for (int out : SIZES) {
                    for (int in : SIZES) {
                        if ((m == 771 ? 1 : 0) + (out == 771 ? 1 : 0) + (in == 771 ? 1 : 0) > 1) {
                            continue;
                        }
                        long seed = 10_000L * m + 100L * out + in;
                        boolean inOut = seed % 2 == 0;
                        boolean bias = seed % 3 != 0;
                        check(dtype, m, out, in, inOut, bias, FusedActivation.NONE, seed);
                    }
                }
            }
        }
    }

    @Test
    void everyActivationBothLayoutsWithAndWithoutBias() {
        for (WeightDType dtype : new WeightDType[] {WeightDType.INT8, WeightDType.BF16}) {
            for (FusedActivation act : FusedActivation.values()) {
                for (int mode = 0; mode < 4; mode++) {
                    check(dtype, 13, 67, 37, (mode & 1) != 0, (mode & 2) != 0, act, 31L * mode + act.ordinal());
                    check(dtype, 1, 65, 129, (mode & 1) != 0, (mode & 2) != 0, act, 37L * mode + act.ordinal());
                }
            }
        }
    }

    @Test
    void modelShapesOnBothThreadSplits() {
        // decode (m = 1) on a GPT-2 width, a batch split by rows, a batch split by panels, a vocabulary-sized head
        int[][] shapes = {{1, 2304, 768}, {1, 768, 3072}, {130, 384, 384}, {24, 1536, 384}, {2, 5003, 64}};
        for (WeightDType dtype : new WeightDType[] {WeightDType.INT8, WeightDType.BF16}) {
            for (int[] s : shapes) {
                check(dtype, s[0], s[1], s[2], false, true, FusedActivation.NONE, s[0] + s[1]);
                check(dtype, s[0], s[1], s[2], true, false, FusedActivation.GELU_TANH, s[1] + s[2]);
            }
        }
    }

    @Test
    void emptySizes() {
        for (WeightDType dtype : new WeightDType[] {WeightDType.INT8, WeightDType.BF16}) {
            check(dtype, 0, 5, 3, false, true, FusedActivation.NONE, 1);
            check(dtype, 4, 0, 3, true, true, FusedActivation.NONE, 2);
            check(dtype, 4, 5, 0, false, true, FusedActivation.GELU_ERF, 3);     // bias only
        }
    }

    @Test
    void theVectorBackendHoldsTheQuantisedBytesOnly() {
        Random rnd = new Random(3);
        float[] w = random(rnd, 70 * 33);
        PreparedWeight int8 = VECTOR.prepareWeight(w, 0, 33, 70, 33, false, WeightDType.INT8);
        PreparedWeight bf16 = VECTOR.prepareWeight(w, 0, 33, 70, 33, false, WeightDType.BF16);
        int panels = (70 + QuantizedWeight.NR - 1) / QuantizedWeight.NR;
        assertThat(int8.bytes()).isEqualTo((long) panels * QuantizedWeight.NR * (33 + 4));
        assertThat(bf16.bytes()).isEqualTo((long) panels * QuantizedWeight.NR * 33 * 2);
        assertThat(int8.dtype()).isEqualTo(WeightDType.INT8);
        assertThat(bf16.out()).isEqualTo(70);
        assertThat(bf16.in()).isEqualTo(33);
    }

    private static void check(WeightDType dtype, int m, int out, int in, boolean inOut, boolean withBias,
                              FusedActivation act, long seed) {
        Random rnd = new Random(seed);
        int xOff = 3, ldx = in + 5, wOff = 7, ldw = (inOut ? out : in) + 2, bOff = 2, yOff = 11, ldy = out + 3;
        float[] x = random(rnd, xOff + m * ldx);
        float[] w = random(rnd, wOff + (inOut ? in : out) * ldw);
        float[] bias = withBias ? random(rnd, bOff + out + 1) : null;
        float[] y0 = random(rnd, yOff + m * ldy + 4);
        float[] expected = y0.clone(), actual = y0.clone();
        PreparedWeight rw = REFERENCE.prepareWeight(w, wOff, ldw, out, in, inOut, dtype);
        PreparedWeight vw = VECTOR.prepareWeight(w, wOff, ldw, out, in, inOut, dtype);
        REFERENCE.linear(m, x, xOff, ldx, rw, bias, bOff, act, expected, yOff, ldy);
        VECTOR.linear(m, x, xOff, ldx, vw, bias, bOff, act, actual, yOff, ldy);
        for (int idx = 0; idx < y0.length; idx++) {
            int r = idx < yOff ? -1 : (idx - yOff) / ldy, j = idx < yOff ? -1 : (idx - yOff) % ldy;
            boolean inside = r >= 0 && r < m && j < out;
            if (!inside) {
                if (Float.floatToRawIntBits(actual[idx]) != Float.floatToRawIntBits(y0[idx])) {
                    fail("%s m=%d out=%d in=%d: y[%d] outside the output was written", dtype, m, out, in, idx);
                }
                continue;
            }
            double magnitude = withBias ? Math.abs(bias[bOff + j]) : 0;
            for (int i = 0; i < in; i++) {
                float wji = inOut ? w[wOff + i * ldw + j] : w[wOff + j * ldw + i];
                magnitude += Math.abs(x[xOff + r * ldx + i] * wji);
            }
            double tolerance = 1e-5 * magnitude + 1e-6;
            if (!(Math.abs(actual[idx] - expected[idx]) <= tolerance)) {
                fail("%s m=%d out=%d in=%d inOut=%b bias=%b %s: y[%d, %d] = %s but reference %s (tolerance %s)",
                        dtype, m, out, in, inOut, withBias, act, r, j, actual[idx], expected[idx], tolerance);
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
