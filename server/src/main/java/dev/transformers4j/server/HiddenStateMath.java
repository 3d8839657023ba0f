package dev.transformers4j.server;

/**
 * Per-layer summaries of the hidden states {@code [L+1][T][C]}: each token vector's L2 norm, their mean, and the
 * mean cosine similarity of each token's vector to its final-layer vector.
 */
record HiddenStateMath(float[][] norms, float[] meanNorms, float[] cosineToFinal) {

    static HiddenStateMath of(float[][][] states) {
        int layers = states.length;
        float[][] finals = states[layers - 1];
        float[][] norms = new float[layers][];
        float[] mean = new float[layers];
        float[] cosine = new float[layers];
        for (int l = 0; l < layers; l++) {
            int t = states[l].length;
            norms[l] = new float[t];
            double sumNorm = 0;
            double sumCos = 0;
            for (int i = 0; i < t; i++) {
                double n = norm(states[l][i]);
                norms[l][i] = (float) n;
                sumNorm += n;
                sumCos += dot(states[l][i], finals[i]) / Math.max(n * norm(finals[i]), 1e-12);
            }
            mean[l] = (float) (sumNorm / t);
            cosine[l] = (float) (sumCos / t);
        }
        return new HiddenStateMath(norms, mean, cosine);
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
