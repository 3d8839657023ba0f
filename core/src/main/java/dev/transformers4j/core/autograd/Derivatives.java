package dev.transformers4j.core.autograd;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;

/**
 * The backward rules that take more than one line of tensor algebra. Each operation's rule is attached
 * next to its forward (in {@link Tensor} and {@code core.nn}); the ones whose math needs a loop call
 * these. Row-wise rules work on the last dimension, like their forwards.
 */
public final class Derivatives {

    private Derivatives() {
    }

    /**
     * Softmax over the last dimension, {@code y = softmax(x)}: the Jacobian {@code ∂y_i/∂x_j = y_i(δ_ij − y_j)}
     * gives, row by row,
     * <pre>  ∂L/∂x = y ⊙ (∂L/∂y − Σ_j ∂L/∂y_j · y_j)</pre>
     *
     * @param y the softmax output
     * @param g {@code ∂L/∂y}
     */
    public static Tensor softmax(Tensor y, Tensor g) {
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
     * LayerNorm's input gradient. With {@code x̂ = (x − μ)·r}, {@code r = 1/√(σ² + eps)} and
     * {@code ĝ = ∂L/∂y ⊙ γ}, per row of C values:
     * <pre>  ∂L/∂x = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂))</pre>
     * (the two means are the gradients through μ and σ²).
     */
    public static Tensor layerNormInput(Tensor x, Tensor gamma, float eps, Tensor g) {
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
    public static Tensor layerNormWeight(Tensor x, float eps, Tensor g) {
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
