package dev.transformers4j.simd;

import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.core.WeightQuantization;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * An int8 or bf16 weight {@code W [out, in]} (the numbers of {@link WeightQuantization}) laid out for
 * {@link QuantizedLinear}: the output columns in panels of {@link #NR} = 2 vectors, each panel stored k-major
 * ({@code [in][NR]}), so a product step reads the NR weights of one input feature contiguously and widens them
 * to two float vectors in registers. Columns past {@code out} are padded with zeros (and scale 0).
 *
 * <p>int8: one byte per weight, {@code [panels][in][NR]}, and the per-column scales {@code [panels·NR]}.
 * bf16: two weights per int, {@code [panels][in][V]}: int lane {@code l} holds column {@code l} in its low half
 * and column {@code l + V} in its high half, so one int vector widens to the panel's two float vectors by a
 * shift ({@code << 16}) and a mask ({@code & 0xFFFF0000}).
 */
final class QuantizedWeight implements PreparedWeight {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    /** Columns per panel. */
    static final int NR = 2 * V;

    private final WeightDType dtype;
    private final int out;
    private final int in;
    final int panels;
    final byte[] int8;      // INT8: [panels][in][NR]
    final float[] scales;   // INT8: [panels · NR]
    final int[] bf16;       // BF16: [panels][in][V], columns l and l + V in the low and high halves of lane l

    private QuantizedWeight(WeightDType dtype, int out, int in, byte[] int8, float[] scales, int[] bf16) {
        this.dtype = dtype;
        this.out = out;
        this.in = in;
        this.panels = (out + NR - 1) / NR;
        this.int8 = int8;
        this.scales = scales;
        this.bf16 = bf16;
    }

    /** Quantises and lays out {@code W} (arguments as {@link dev.transformers4j.core.Kernels#prepareWeight}). */
    static QuantizedWeight prepare(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        if (inOut) {
            // GPT-2's Conv1D stores [in, out]: reading it column by column is a cache miss per element, so
            // transpose it in tiles first (a transient copy of this one matrix); the values are the same
            return prepare(transposed(w, off, ldw, in, out), 0, in, out, in, false, dtype);
        }
        int panels = (out + NR - 1) / NR;
        return switch (dtype) {
            case INT8 -> {
                WeightQuantization.Int8 q = WeightQuantization.int8PerRow(w, off, ldw, out, in, inOut);
                byte[] packed = new byte[panels * in * NR];
                float[] scales = new float[panels * NR];
                System.arraycopy(q.scales(), 0, scales, 0, out);
                for (int j = 0; j < out; j++) {
                    int dst = (j / NR) * in * NR + j % NR;
                    for (int i = 0, src = j * in; i < in; i++, dst += NR) {
                        packed[dst] = q.q()[src + i];
                    }
                }
                yield new QuantizedWeight(dtype, out, in, packed, scales, null);
            }
            case BF16 -> {
                int[] packed = new int[panels * in * V];
                for (int j = 0; j < out; j++) {
                    int shift = (j % NR) < V ? 0 : 16;
                    int dst = (j / NR) * in * V + j % V;
                    for (int i = 0; i < in; i++, dst += V) {
                        int h = WeightQuantization.toBf16(WeightQuantization.at(w, off, ldw, inOut, j, i)) & 0xFFFF;
                        packed[dst] |= h << shift;
                    }
                }
                yield new QuantizedWeight(dtype, out, in, null, null, packed);
            }
            case FLOAT32 -> throw new IllegalArgumentException("dtype: QuantizedWeight holds int8 or bf16, not float32");
        };
    }

    /** {@code A [rows, cols]} (row stride {@code lda}) transposed into a new {@code [cols, rows]} array, in tiles. */
    private static float[] transposed(float[] a, int off, int lda, int rows, int cols) {
        final int tile = 64;
        float[] t = new float[rows * cols];
        for (int r0 = 0; r0 < rows; r0 += tile) {
            for (int c0 = 0; c0 < cols; c0 += tile) {
                for (int r = r0; r < Math.min(rows, r0 + tile); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + tile); c++) {
                        t[c * rows + r] = a[off + r * lda + c];
                    }
                }
            }
        }
        return t;
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
        return int8 != null ? int8.length + 4L * scales.length : 4L * bf16.length;
    }
}
