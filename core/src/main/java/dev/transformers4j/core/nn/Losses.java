package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;

/** Loss functions, as {@code torch.nn.functional}. */
public final class Losses {

    /** The label PyTorch's cross-entropy skips. */
    public static final int IGNORE_INDEX = -100;

    private Losses() {
    }

    /**
     * Mean cross-entropy {@code −log softmax(logits)[label]} over the rows whose label is not
     * {@link #IGNORE_INDEX}, computed with the log-sum-exp trick in double precision.
     *
     * @param logits {@code [N, V]} (any leading shape flattened to N rows)
     * @param labels N class indices
     */
    public static float crossEntropy(Tensor logits, int[] labels) {
        int v = logits.size(-1);
        float[] x = logits.contiguous().toArray();
        int rows = x.length / v;
        if (labels.length != rows) {
            throw new IllegalArgumentException("cross-entropy: " + rows + " rows of logits but " + labels.length + " labels");
        }
        double total = 0;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (labels[r] == IGNORE_INDEX) {
                continue;
            }
            if (labels[r] < 0 || labels[r] >= v) {
                throw new IndexOutOfBoundsException("label " + labels[r] + " outside [0, " + v + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, x[r * v + j]);
            }
            double sum = 0;
            for (int j = 0; j < v; j++) {
                sum += Math.exp(x[r * v + j] - max);
            }
            total += max + Math.log(sum) - x[r * v + labels[r]];
            count++;
        }
        return (float) (total / count);
    }
}
