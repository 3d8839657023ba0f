package dev.transformers4j.simd;

import static dev.transformers4j.simd.SgemmKernel.NR;

import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.WeightDType;

/**
 * A float32 linear weight packed once into {@link Sgemm}'s panel layout, so that {@code y = x·Wᵀ + b} never packs
 * B ({@code = Wᵀ}, {@code [in, out]}) again: ⌈out/NR⌉ panels of NR output columns, each {@code in × NR} floats
 * stored step by step ({@code panels[p·in·NR + i·NR + jj] = W[p·NR + jj, i]}), the last one padded with zeros.
 * A k-block {@code [pc, pc + kc)} of panel {@code p} is the contiguous run from {@code p·in·NR + pc·NR}, exactly
 * what a per-call {@code packB} would have produced; the single-row product ({@link Gemv#packed}) streams the
 * panels from start to end.
 *
 * <p><b>Memory:</b> this is a copy: with the float32 values the weight tensor keeps (for training, saving and every
 * other operation) a frozen float32 weight takes twice its size while prepared, as ONNX Runtime's pre-packed
 * weights do.
 */
final class PackedWeight implements PreparedWeight {

    private final int out;
    private final int in;
    /** The panels, {@code ⌈out/NR⌉ · in · NR} floats. */
    final float[] panels;

    private PackedWeight(int out, int in, float[] panels) {
        this.out = out;
        this.in = in;
        this.panels = panels;
    }

    /**
     * Packs {@code W [out, in]} (row stride {@code ldw} from {@code off}) or, when {@code inOut}, {@code W}
     * stored {@code [in, out]} (GPT-2's Conv1D).
     */
    static PackedWeight pack(float[] w, int off, int ldw, int out, int in, boolean inOut) {
        if (out < 0 || in < 0) {
            throw new IllegalArgumentException("prepareWeight: out and in: expected ≥ 0 but were " + out + ", " + in);
        }
        int rows = inOut ? in : out, cols = inOut ? out : in;
        if (rows > 0 && cols > 0 && (off < 0 || ldw < cols || off + (long) (rows - 1) * ldw + cols > w.length)) {
            throw new IllegalArgumentException("w: expected a [" + rows + ", " + cols + "] weight from offset " + off
                    + " with row stride " + ldw + " (≥ " + cols + ") but the array holds " + w.length + " floats");
        }
        float[] panels = new float[Math.multiplyExact(Math.multiplyExact(panelCount(out), in), NR)];
        if (out > 0 && in > 0) {
            // B = Wᵀ is [in, out]: read transposed when W is [out, in], as stored when it is [in, out]
            SgemmPacking.packB(w, off, ldw, !inOut, 0, in, 0, out, panels);
        }
        return new PackedWeight(out, in, panels);
    }

    /** Panels of NR output columns (the last one may be partly padding). */
    static int panelCount(int out) {
        return (out + NR - 1) / NR;
    }

    /** Where step {@code pc} of the panel holding output column {@code j} (a multiple of NR) starts. */
    int panelOffset(int j, int pc) {
        return j / NR * in * NR + pc * NR;
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
        return WeightDType.FLOAT32;
    }

    @Override
    public long bytes() {
        return 4L * panels.length;
    }
}
