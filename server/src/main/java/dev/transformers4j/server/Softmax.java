package dev.transformers4j.server;

import java.util.Comparator;
import java.util.stream.IntStream;

/** softmax(z)ᵢ = exp(zᵢ − max z) / Σⱼ exp(zⱼ − max z), and the indices of the k largest values. */
final class Softmax {

    private Softmax() {
    }

    static double[] of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The k largest, best first; equal values keep index order. */
    static int[] topK(float[] values, int k) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

}
