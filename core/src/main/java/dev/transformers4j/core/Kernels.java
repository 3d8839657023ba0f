package dev.transformers4j.core;

/**
 * The small math vocabulary every model is written against.
 *
 * <p>All arrays are row-major float32 with explicit offsets and leading dimensions, so a kernel never
 * allocates. {@link ReferenceKernels} is the specification: plain loops, easy to read next to the paper.
 * A fast backend (the {@code simd} module's Vector API kernels) extends it, overrides what it makes
 * faster and falls back to the reference for the rest; tests sweep every fast kernel against the reference.
 *
 * <p>The backend in use is chosen by one switch: {@link Backend#current()}.
 */
public interface Kernels {

    /** A short name for messages and benchmarks ({@code "reference"}, {@code "vector"}). */
    String name();

    /**
     * General matrix multiply, {@code C = A·B} or {@code C = A·Bᵀ}, optionally accumulating into C.
     *
     * @param m rows of A and C
     * @param n columns of C (rows of B when {@code transB})
     * @param k inner dimension
     * @param a A, {@code [m, k]} with row stride {@code lda}, starting at {@code aOff}
     * @param b B, {@code [k, n]} (row stride {@code ldb}), or {@code [n, k]} when {@code transB}
     * @param transB whether B is stored transposed ({@code [n, k]}), as {@code nn.Linear} weights and keys are
     * @param c C, {@code [m, n]} with row stride {@code ldc}
     * @param accumulate add to C instead of overwriting it
     */
    void matmul(int m, int n, int k,
                float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb, boolean transB,
                float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * {@code C (+)= Aᵀ·B} with A stored {@code [k, m]} (row stride {@code lda}) and B {@code [k, n]} row-major:
     * the weight gradient {@code xᵀ·∂L/∂y} of a linear layer, read from x as it is, without a transposed copy.
     */
    void matmulTransA(int m, int n, int k,
                      float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * A batch of independent matrix multiplies with the same sizes, {@code C_i = A_i·B_i} (or {@code A_i·B_iᵀ}),
     * the i-th operands starting at {@code aOffs[i]}, {@code bOffs[i]}, {@code cOffs[i]}: the per-head products
     * of multi-head attention. A threaded backend spreads the batch over its threads.
     */
    default void matmulBatched(int batch, int m, int n, int k,
                               float[] a, int[] aOffs, int lda,
                               float[] b, int[] bOffs, int ldb, boolean transB,
                               float[] c, int[] cOffs, int ldc) {
        for (int i = 0; i < batch; i++) {
            matmul(m, n, k, a, aOffs[i], lda, b, bOffs[i], ldb, transB, c, cOffs[i], ldc, false);
        }
    }

    /**
     * Fused scaled dot-product attention, {@code context = softmax(Q·Kᵀ·scale + mask)·V} per batch row and head
     * (§3.2.1), with the causal and sliding-window masks folded in: see {@link AttentionOperands}. The result equals
     * the eager {@code matmul → scale → add mask → softmaxRows → matmul} up to rounding, without the
     * {@code [B, H, T, S]} scores: a fast backend computes it over blocks of keys with an online softmax.
     */
    void attention(AttentionOperands a);

    /** {@code x[r, :] = softmax(x[r, :])} in place for {@code rows} rows of length {@code cols}, max subtracted first. */
    void softmaxRows(float[] x, int off, int rows, int cols);

    /**
     * Two-pass LayerNorm over the last dimension: {@code y = (x − mean) / sqrt(var + eps) · gamma + beta},
     * eps inside the square root, biased variance (as {@code torch.nn.LayerNorm}).
     */
    void layerNorm(float[] x, int xOff, float[] y, int yOff, int rows, int cols,
                   float[] gamma, float[] beta, float eps);

    /** Exact GELU, {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, in place over {@code n} elements. */
    void geluErf(float[] x, int off, int n);

    /** Tanh-approximated GELU ("gelu_new"), {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, in place. */
    void geluTanh(float[] x, int off, int n);

    /** The chain rule through exact GELU, {@code g[i] *= Φ(x[i]) + x[i]·φ(x[i])}. */
    void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int n);

    /**
     * The chain rule through tanh GELU, {@code g[i] *= GELU'(x[i])} with, for {@code s = σ(2u)},
     * {@code u = √(2/π)·(x + 0.044715·x³)}: {@code GELU' = s + 2·x·s·(1 − s)·√(2/π)·(1 + 3·0.044715·x²)}
     * (the same as {@code ½(1 + tanh u) + ½·x·(1 − tanh² u)·u'}, since {@code tanh u = 2s − 1}).
     */
    void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int n);

    /** {@code out[i] = a[i]·b[i]} for {@code n} elements ({@code out} may be {@code a} or {@code b}). */
    void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code y[i] += x[i]} for {@code n} elements. */
    void addInPlace(float[] y, int yOff, float[] x, int xOff, int n);

    /** {@code x[r, :] += bias[:]} for {@code rows} rows of length {@code cols} (the bias of a linear layer). */
    void addRowVector(float[] x, int off, int rows, int cols, float[] bias, int biasOff);

    /** {@code x[i] *= s} for {@code n} elements. */
    void scale(float[] x, int off, int n, float s);

    /** {@code Σ a[i]·b[i]}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * Inverted dropout with counter-based draws: {@code y[yOff + i] = x[xOff + i] · m_i} for {@code i < n}, where
     * {@code m_i = 0} if draw {@code first + i + 1} of an {@link Rng} in state {@code seed} ({@link Rng#nextFloat},
     * {@code u = (Rng.mix(seed + (first + i + 1)·Rng.GAMMA) >>> 40)·2⁻²⁴}) is below {@code p}, and {@code 1/(1 − p)}
     * otherwise. The mask depends on nothing else — not the backend, the thread count or the JIT — so backward
     * applies the same mask to the gradient by calling this again with the same seed. {@code y} may be {@code x}.
     *
     * @param p the probability of dropping an element, in {@code [0, 1)}
     */
    void dropout(float[] x, int xOff, float[] y, int yOff, int n, double p, long seed, long first);

    /**
     * Prepares the weight of a linear layer once for repeated {@link #linear} products: {@code W [out, in]}
     * row-major from {@code off} with row stride {@code ldw}, or, when {@code inOut}, stored {@code [in, out]}
     * (GPT-2's Conv1D). The backend may copy, pack or quantise; the caller must not rely on later writes to
     * {@code w} being seen (the cache on {@link Tensor} is dropped whenever the weight can change).
     *
     * @param dtype the form to multiply in ({@link WeightQuantization} defines the int8 and bf16 numbers)
     */
    PreparedWeight prepareWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype);

    /**
     * {@code y[m, out] = act(x·Wᵀ + bias)} for a prepared {@code W}: {@code x [m, in]} with row stride {@code ldx},
     * {@code y} with row stride {@code ldy}, {@code bias [out]} from {@code biasOff} or null.
     */
    void linear(int m, float[] x, int xOff, int ldx, PreparedWeight w, float[] bias, int biasOff,
                FusedActivation act, float[] y, int yOff, int ldy);
}
