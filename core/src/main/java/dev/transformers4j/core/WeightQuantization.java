package dev.transformers4j.core;

/**
 * The numbers of the int8 and bf16 weight forms, shared by every backend so that they all multiply the same
 * values.
 *
 * <p><b>int8</b>: symmetric, one scale per output channel (row {@code j} of {@code W [out, in]}):
 * {@code scale_j = max_i |W_ji| / 127}, {@code q_ji = rint(W_ji / scale_j)} in {@code [-127, 127]} (a row of zeros
 * gets scale 0 and zeros). The product is {@code y_j = scale_j · Σ_i x_i·q_ji + b_j}.
 *
 * <p><b>bf16</b>: the upper 16 bits of the float32, rounded to nearest even (as {@code torch.Tensor.bfloat16()});
 * widened back by a shift.
 */
public final class WeightQuantization {

    private WeightQuantization() {
    }

    /** int8 values {@code [out, in]} row-major and one scale per row. */
    public record Int8(byte[] q, float[] scales) {
    }

    /**
     * Quantises {@code W}: {@code [out, in]} row-major with row stride {@code ldw} from {@code off}, or, when
     * {@code inOut}, stored {@code [in, out]} (GPT-2's Conv1D) with row stride {@code ldw}. The result is always
     * {@code [out, in]} row-major.
     */
    public static Int8 int8PerRow(float[] w, int off, int ldw, int out, int in, boolean inOut) {
        byte[] q = new byte[out * in];
        float[] scales = new float[out];
        for (int j = 0; j < out; j++) {
            float max = 0f;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(at(w, off, ldw, inOut, j, i)));
            }
            float scale = max / 127f;
            scales[j] = scale;
            for (int i = 0; i < in; i++) {
                float v = scale == 0f ? 0f : (float) Math.rint(at(w, off, ldw, inOut, j, i) / scale);
                q[j * in + i] = (byte) Math.max(-127, Math.min(127, (int) v));
            }
        }
        return new Int8(q, scales);
    }

    /** bf16 bits of {@code W}, {@code [out, in]} row-major (layout arguments as {@link #int8PerRow}). */
    public static short[] bf16(float[] w, int off, int ldw, int out, int in, boolean inOut) {
        short[] h = new short[out * in];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                h[j * in + i] = toBf16(at(w, off, ldw, inOut, j, i));
            }
        }
        return h;
    }

    /** {@code W[j, i]} of a weight stored {@code [out, in]}, or {@code [in, out]} when {@code inOut}. */
    public static float at(float[] w, int off, int ldw, boolean inOut, int j, int i) {
        return inOut ? w[off + i * ldw + j] : w[off + j * ldw + i];
    }

    /** float32 → bfloat16 bits, round to nearest even; NaN stays a (quiet) NaN. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return (short) (bits >>> 16);
    }

    /** bfloat16 bits → float32 (exact). */
    public static float fromBf16(short h) {
        return Float.intBitsToFloat(h << 16);
    }
}
