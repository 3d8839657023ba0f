package dev.transformers4j.simd;

import dev.transformers4j.core.FusedActivation;

/**
 * The end of a {@link dev.transformers4j.core.Kernels#linear} product, {@code y = act(C + bias)}, applied to each
 * finished piece of the output while it is still in L1 (a register tile just stored, or a panel of a single-row
 * product) instead of in separate passes over the whole output. The activation is the backend's own element-wise
 * routine ({@link VectorKernels#activateRun}), so fused and unfused products compute the same function.
 *
 * <p>Order of operations, per element: the sum over k as the GEMM computes it, then {@code + bias}, then the
 * activation: the same as the product followed by the bias pass and the activation pass.
 */
final class Epilogue {

    private final VectorKernels kernels;
    private final float[] bias;
    private final int biasOff;
    private final FusedActivation act;

    private Epilogue(VectorKernels kernels, float[] bias, int biasOff, FusedActivation act) {
        this.kernels = kernels;
        this.bias = bias;
        this.biasOff = biasOff;
        this.act = act;
    }

    /** The epilogue adding {@code bias[biasOff + j]} (when not null) then applying {@code act}; null when it does nothing. */
    static Epilogue of(VectorKernels kernels, float[] bias, int biasOff, FusedActivation act) {
        return bias == null && act == FusedActivation.NONE ? null : new Epilogue(kernels, bias, biasOff, act);
    }

    /** Finishes {@code c[off, off + w)}, the output columns {@code [col, col + w)} of one row. */
    void apply(float[] c, int off, int col, int w) {
        if (bias != null) {
            kernels.addHere(c, off, bias, biasOff + col, w);        // on this thread: no task per tile
        }
        kernels.activateRun(act, c, off, w);
    }
}
