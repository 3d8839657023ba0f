package dev.transformers4j.core;

/**
 * The reference kernels' prepared weight: float32 values read in place (no copy), or the int8 / bf16 values of
 * {@link WeightQuantization} as {@code [out, in]} row-major.
 */
final class ReferencePreparedWeight implements PreparedWeight {

    private final int out;
    private final int in;
    private final WeightDType dtype;
    final float[] w;                    // FLOAT32: the caller's array, read in place
    final int off;
    final int ldw;
    final boolean inOut;
    final WeightQuantization.Int8 int8; // INT8
    final short[] bf16;                 // BF16

    ReferencePreparedWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        this.out = out;
        this.in = in;
        this.dtype = dtype;
        this.w = w;
        this.off = off;
        this.ldw = ldw;
        this.inOut = inOut;
        this.int8 = dtype == WeightDType.INT8 ? WeightQuantization.int8PerRow(w, off, ldw, out, in, inOut) : null;
        this.bf16 = dtype == WeightDType.BF16 ? WeightQuantization.bf16(w, off, ldw, out, in, inOut) : null;
    }

    @Override
    public int out() {
        return out;
    }

    @Override
    public int in() {
        return in;
    }

    @Override
    public WeightDType dtype() {
        return dtype;
    }

    @Override
    public long bytes() {
        return switch (dtype) {
            case FLOAT32 -> 0L;                         // nothing held beyond the weight itself
            case INT8 -> (long) out * in + 4L * out;
            case BF16 -> 2L * out * in;
        };
    }

    /** {@code Σ_i x[xo + i]·W[j, i]} in the natural order over the int8 or bf16 values. */
    float dotRow(float[] x, int xo, int j) {
        float s = 0f;
        switch (dtype) {
            case FLOAT32 -> throw new IllegalStateException("float32 weights are multiplied by matmul");
            case INT8 -> {
                byte[] q = int8.q();
                for (int i = 0; i < in; i++) {
                    s += x[xo + i] * q[j * in + i];
                }
                s *= int8.scales()[j];
            }
            case BF16 -> {
                for (int i = 0; i < in; i++) {
                    s += x[xo + i] * WeightQuantization.fromBf16(bf16[j * in + i]);
                }
            }
        }
        return s;
    }
}
