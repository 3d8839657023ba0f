package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;

/** Loss functions, as {@code torch.nn.functional}. */
public final class Losses {

    /** The label PyTorch's cross-entropy skips. */
    public static final int IGNORE_INDEX = -100;

    private Losses() {
    }

    /**
     * Mean cross-entropy {@code −log softmax(logits)[label]} over the rows whose label is not
     * {@link #IGNORE_INDEX} (the value only; see {@link #crossEntropyLoss} for training).
     *
     * @param logits {@code [N, V]} (any leading shape flattened to N rows)
     * @param labels N class indices
     */
    public static float crossEntropy(Tensor logits, int[] labels) {
        return Grad.noGrad(() -> crossEntropyLoss(logits, labels)).item();
    }

    /**
     * Mean cross-entropy as {@code F.cross_entropy(logits, labels, ignore_index=-100)}: a scalar tensor,
     * computed with the log-sum-exp trick in double precision. With n counted rows,
     * <pre>  L = (1/n) Σ_r (log Σ_j e^{x_rj} − x_r,label_r)      ∂L/∂x_rj = (softmax(x_r)_j − [j = label_r]) / n</pre>
     * and ignored rows get a zero gradient.
     *
     * @param logits {@code [N, V]} (any leading shape flattened to N rows)
     * @param labels N class indices or {@link #IGNORE_INDEX}
     */
    public static Tensor crossEntropyLoss(Tensor logits, int[] labels) {
        int v = logits.size(-1);
        float[] x = logits.toArray();
        int rows = v == 0 ? 0 : x.length / v;
        if (labels.length != rows) {
            throw new IllegalArgumentException("cross-entropy: " + rows + " rows of logits but " + labels.length + " labels");
        }
        double total = 0;
        int count = 0;
        double[] lse = new double[rows];                          // log Σ_j e^{x_rj}, kept for backward
        for (int r = 0; r < rows; r++) {
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            if (labels[r] < 0 || labels[r] >= v) {
                throw new IndexOutOfBoundsException("label " + labels[r] + " outside [0, " + v + ")");
            }
            lse[r] = logSumExp(x, r * v, v);
            total += lse[r] - x[r * v + labels[r]];
            count++;
        }
        int n = count;
        return Tensor.scalar((float) (total / n)).derivedFrom("crossEntropy", logits,
                g -> Tensor.of(softmaxMinusOneHot(x, lse, labels, v, g.item() / n), logits.shape()));
    }

    /** {@code log Σ_j e^{x_j}} of one row, max subtracted first, in double. */
    private static double logSumExp(float[] x, int off, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, x[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            sum += Math.exp(x[off + j] - max);
        }
        return max + Math.log(sum);
    }

    /** {@code scale · (softmax(x_r) − onehot(label_r))} for counted rows, 0 for ignored ones. */
    private static float[] softmaxMinusOneHot(float[] x, double[] lse, int[] labels, int v, double scale) {
        float[] g = new float[x.length];
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            for (int j = 0; j < v; j++) {
                g[r * v + j] = (float) (scale * Math.exp(x[r * v + j] - lse[r]));
            }
            g[r * v + labels[r]] -= (float) scale;
        }
        return g;
    }
}
