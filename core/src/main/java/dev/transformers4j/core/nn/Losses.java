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
        return crossEntropyLoss(logits, labels, 0.0);
    }

    /**
     * Label-smoothed cross-entropy, §5.4 ("we employed label smoothing of value ε_ls = 0.1"), as
     * {@code F.cross_entropy(logits, labels, ignore_index=-100, label_smoothing=ε)} and HF's {@code LabelSmoother}:
     * the target of row r is the mixture {@code q = (1 − ε)·onehot(label_r) + ε/V} of the label and the uniform
     * distribution, and with n counted rows and {@code log p = log_softmax(x)}
     * <pre>
     *   L = (1/n) Σ_r [ (1 − ε)·(−log p_r,label_r)  +  ε·(1/V) Σ_j (−log p_rj) ]
     *   ∂L/∂x_rj = (p_rj − q_rj) / n
     * </pre>
     * Ignored rows count in neither term and get a zero gradient; ε = 0 is plain cross-entropy.
     * <b>Note:</b> fairseq's {@code label_smoothed_cross_entropy} spreads ε over the V − 1 other classes
     * ({@code q = (1 − ε)} on the label, {@code ε/(V − 1)} elsewhere); HF and PyTorch, followed here, spread it
     * over all V, so the label gets {@code 1 − ε + ε/V}. The two differ by O(ε/V).
     *
     * @param logits  {@code [N, V]} (any leading shape flattened to N rows)
     * @param labels  N class indices or {@link #IGNORE_INDEX}
     * @param epsilon ε_ls in [0, 1]
     */
    public static Tensor crossEntropyLoss(Tensor logits, int[] labels, double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("label smoothing: expected ε in [0, 1] but was " + epsilon);
        }
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
            double nll = lse[r] - x[r * v + labels[r]];
            total += epsilon == 0 ? nll : (1 - epsilon) * nll + epsilon * (lse[r] - mean(x, r * v, v));
            count++;
        }
        int n = count;
        return Tensor.scalar((float) (total / n)).derivedFrom("crossEntropy", logits,
                g -> Tensor.of(softmaxMinusTarget(x, lse, labels, v, epsilon, g.item() / n), logits.shape()));
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

    /** The mean of one row, in double: {@code (1/V) Σ_j x_j}, so that {@code (1/V) Σ_j −log p_j = lse − mean}. */
    private static double mean(float[] x, int off, int v) {
        double sum = 0;
        for (int j = 0; j < v; j++) {
            sum += x[off + j];
        }
        return sum / v;
    }

    /** {@code scale · (softmax(x_r) − q_r)} with {@code q_r = (1 − ε)·onehot(label_r) + ε/V} for counted rows, 0 for ignored ones. */
    private static float[] softmaxMinusTarget(float[] x, double[] lse, int[] labels, int v, double epsilon,
                                              double scale) {
        float[] g = new float[x.length];
        double uniform = epsilon / v;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            for (int j = 0; j < v; j++) {
                g[r * v + j] = (float) (scale * (Math.exp(x[r * v + j] - lse[r]) - uniform));
            }
            g[r * v + labels[r]] -= (float) (scale * (1 - epsilon));
        }
        return g;
    }
}
