package dev.transformers4j.core;

/**
 * The row-wise normalisations over the last dimension, softmax and LayerNorm: forward on the backend's kernels,
 * and their backward rules, whose math needs a pass over each row, written out beside them.
 */
final class NormOps {

    private NormOps() {
    }

    /** Softmax over the last dimension, max subtracted first (the kernel's); backward: {@link #softmaxBackward}. */
    static Tensor softmax(Tensor x) {
        float[] out = CopyOps.copyOf(x);
        int cols = x.size(-1);
        Backend.current().softmaxRows(out, 0, cols == 0 ? 0 : out.length / cols, cols);
        Tensor y = Tensor.of(out, x.shape);
        return y.derivedFrom("softmax", x, g -> softmaxBackward(y, g));
    }

    /** The values of a vector: its own array when that holds exactly them (a parameter), else a copy. */
    private static float[] whole(Tensor v) {
        return v.offset == 0 && v.data.length == v.numel() && v.isContiguous() ? v.data : v.toArray();
    }

    /**
     * Softmax over the last dimension, {@code y = softmax(x)}: the Jacobian {@code ∂y_i/∂x_j = y_i(δ_ij − y_j)}
     * gives, row by row,
     * <pre>  ∂L/∂x = y ⊙ (∂L/∂y − Σ_j ∂L/∂y_j · y_j)</pre>
     *
     * @param y the softmax output
     * @param g {@code ∂L/∂y}
     */
    static Tensor softmaxBackward(Tensor y, Tensor g) {
        float[] ys = y.toArray();
        float[] gx = g.toArray();
        int cols = y.size(-1);
        Kernels k = Backend.current();
        for (int o = 0; o + cols <= gx.length && cols > 0; o += cols) {
            float dot = k.dot(gx, o, ys, o, cols);
            for (int j = o; j < o + cols; j++) {
                gx[j] = ys[j] * (gx[j] - dot);
            }
        }
        return Tensor.of(gx, y.shape());
    }

    /**
     * LayerNorm over the last dimension (two-pass, eps inside the square root): {@code y = x̂·γ + β},
     * {@code x̂ = (x − μ)/√(σ² + eps)}. Backward: {@code ∂L/∂β = Σ_rows ∂L/∂y},
     * {@code ∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂} ({@link #layerNormWeightBackward}), and ∂L/∂x through μ and σ²
     * ({@link #layerNormInputBackward}).
     */
    static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int cols = x.size(-1);
        Shape.check("layer norm weight", new int[] {cols}, gamma.shape);
        Shape.check("layer norm bias", new int[] {cols}, beta.shape);
        Tensor xc = x.dense();
        float[] out = Workspace.floats(x.numel());                      // every row is written
        Backend.current().layerNorm(xc.data, xc.offset, out, 0, cols == 0 ? 0 : out.length / cols, cols,
                whole(gamma), whole(beta), eps);
        return Tensor.of(out, x.shape).derivedFrom("layerNorm",
                x, g -> layerNormInputBackward(x, gamma, eps, g),
                gamma, g -> layerNormWeightBackward(x, eps, g),
                beta, g -> g.sumTo(cols));
    }

    /**
     * LayerNorm's input gradient. With {@code x̂ = (x − μ)·r}, {@code r = 1/√(σ² + eps)} and
     * {@code ĝ = ∂L/∂y ⊙ γ}, per row of C values:
     * <pre>  ∂L/∂x = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂))</pre>
     * (the two means are the gradients through μ and σ²).
     */
    private static Tensor layerNormInputBackward(Tensor x, Tensor gamma, float eps, Tensor g) {
        float[] xs = x.toArray();
        float[] gx = g.toArray();
        float[] gam = gamma.toArray();
        int cols = gam.length;
        for (int o = 0; o + cols <= xs.length && cols > 0; o += cols) {
            float[] mr = meanAndRstd(xs, o, cols, eps);
            float sumG = 0f;
            float sumGX = 0f;
            for (int j = 0; j < cols; j++) {
                float gh = gx[o + j] * gam[j];
                sumG += gh;
                sumGX += gh * (xs[o + j] - mr[0]) * mr[1];
            }
            float meanG = sumG / cols;
            float meanGX = sumGX / cols;
            for (int j = 0; j < cols; j++) {
                float xh = (xs[o + j] - mr[0]) * mr[1];
                gx[o + j] = mr[1] * (gx[o + j] * gam[j] - meanG - xh * meanGX);
            }
        }
        return Tensor.of(gx, x.shape());
    }

    /** LayerNorm's weight gradient, {@code ∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂}. */
    private static Tensor layerNormWeightBackward(Tensor x, float eps, Tensor g) {
        float[] xs = x.toArray();
        float[] gs = g.toArray();
        int cols = x.size(-1);
        float[] out = new float[cols];
        for (int o = 0; o + cols <= xs.length && cols > 0; o += cols) {
            float[] mr = meanAndRstd(xs, o, cols, eps);
            for (int j = 0; j < cols; j++) {
                out[j] += gs[o + j] * (xs[o + j] - mr[0]) * mr[1];
            }
        }
        return Tensor.of(out, cols);
    }

    /** The mean μ and {@code r = 1/√(σ² + eps)} of one row, two-pass as the forward kernel. */
    private static float[] meanAndRstd(float[] x, int off, int cols, float eps) {
        float mean = 0f;
        for (int j = 0; j < cols; j++) {
            mean += x[off + j];
        }
        mean /= cols;
        float var = 0f;
        for (int j = 0; j < cols; j++) {
            float d = x[off + j] - mean;
            var += d * d;
        }
        var /= cols;
        return new float[] {mean, (float) (1.0 / Math.sqrt(var + eps))};
    }
}
