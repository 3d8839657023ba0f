package dev.transformers4j.core.nn;

import dev.transformers4j.core.Backend;
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
     * from the softmax kernel (max subtracted) and accumulated in double. With n counted rows,
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
        float[] p = logits.toArray();
        int rows = v == 0 ? 0 : p.length / v;
        if (labels.length != rows) {
            throw new IllegalArgumentException("cross-entropy: " + rows + " rows of logits but " + labels.length + " labels");
        }
        double[] meanLogit = new double[rows];                    // (1/V) Σ_j x_rj, for the smoothing term
        double[] lse = new double[rows];                          // log Σ_j e^{x_rj}
        int[] argmax = new int[rows];
        float[] labelLogit = new float[rows];                     // x_r,label_r, read before p becomes softmax(x)
        float[] ones = epsilon == 0 ? null : ones(v);
        for (int r = 0; r < rows; r++) {
            if (labels[r] != IGNORE_INDEX && (labels[r] < 0 || labels[r] >= v)) {
                throw new IndexOutOfBoundsException("label " + labels[r] + " outside [0, " + v + ")");
            }
            argmax[r] = argmax(p, r * v, v);
            lse[r] = p[r * v + argmax[r]];                        // the row's max, for now
            meanLogit[r] = epsilon == 0 ? 0 : Backend.current().dot(p, r * v, ones, 0, v) / v;
            labelLogit[r] = labels[r] == IGNORE_INDEX ? 0 : p[r * v + labels[r]];
        }
        Backend.current().softmaxRows(p, 0, rows, v);            // p = softmax(x), vectorised and threaded
        double total = 0;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            lse[r] -= Math.log(p[r * v + argmax[r]]);             // max + log Σ e^{x − max} = max − log p_max
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            double nll = lse[r] - labelLogit[r];
            total += epsilon == 0 ? nll : (1 - epsilon) * nll + epsilon * (lse[r] - meanLogit[r]);
            count++;
        }
        int n = count;
        return Tensor.scalar((float) (total / n)).derivedFrom("crossEntropy", logits,
                g -> Tensor.of(softmaxMinusTarget(p, labels, v, epsilon, g.item() / n), logits.shape()));
    }

    /** The index of the largest entry of one row (the first on ties). */
    private static int argmax(float[] x, int off, int v) {
        int best = 0;
        for (int j = 1; j < v; j++) {
            if (x[off + j] > x[off + best]) {
                best = j;
            }
        }
        return best;
    }

    private static float[] ones(int v) {
        float[] ones = new float[v];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }

    /**
     * {@code scale · (p_r − q_r)} with {@code q_r = (1 − ε)·onehot(label_r) + ε/V} for counted rows, 0 for ignored
     * ones, from the probabilities {@code p} of the forward pass (a fresh array: the backward may run twice).
     */
    private static float[] softmaxMinusTarget(float[] p, int[] labels, int v, double epsilon, double scale) {
        float[] g = new float[p.length];
        float s = (float) scale;
        float uniform = (float) (epsilon / v);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            int o = r * v;
            for (int j = 0; j < v; j++) {
                g[o + j] = (p[o + j] - uniform) * s;
            }
            g[o + labels[r]] -= (float) (scale * (1 - epsilon));
        }
        return g;
    }
}
