package dev.transformers4j.pipelines;

/** Logits of a classification head → class probabilities, as HF's text-classification pipeline applies them. */
final class ClassScores {

    private ClassScores() {
    }

    /**
     * {@code [B, L]} logits → {@code [B, L]} probabilities: softmax over the L classes, or, for a head with one
     * output, its sigmoid (HF's {@code function_to_apply} default).
     */
    static float[][] probabilities(float[] logits, int rows, int classes) {
        float[][] out = new float[rows][];
        for (int b = 0; b < rows; b++) {
            out[b] = classes == 1 ? new float[] {(float) (1 / (1 + Math.exp(-logits[b])))}
                    : softmax(logits, b * classes, classes);
        }
        return out;
    }

    /** {@code exp(x − max) / Σ exp(x − max)} over {@code x[from .. from + n)}, in double precision. */
    static float[] softmax(float[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[from + i]);
        }
        double[] e = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(x[from + i] - max);
            sum += e[i];
        }
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
