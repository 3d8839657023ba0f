package dev.transformers4j.generation.logits;

import java.util.Arrays;

/** Row operations on scores {@code float[offset, offset + vocab)}: softmax, log-softmax, argmax, sorting. */
public final class ScoreMath {

    private ScoreMath() {
    }

    /** {@code softmax(x)_i = exp(x_i − max) / Σ_j exp(x_j − max)}, in double; −inf gives 0. */
    public static double[] softmax(float[] s, int offset, int vocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, s[offset + i]);
        }
        double[] p = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp(s[offset + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < vocab; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** In place: {@code x_i − max − log Σ_j exp(x_j − max)} (torch's {@code log_softmax}). */
    public static void logSoftmax(float[] s, int offset, int vocab) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, s[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp((double) s[offset + i] - max);
        }
        float logSum = (float) Math.log(sum);
        for (int i = 0; i < vocab; i++) {
            s[offset + i] = s[offset + i] - max - logSum;
        }
    }

    /** The index of the largest score (the first one on ties, as torch's {@code argmax}). */
    public static int argmax(float[] s, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (s[offset + i] > s[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Indices that sort the row ascending; equal values keep index order. */
    public static int[] argsortAscending(float[] s, int offset, int vocab) {
        long[] keys = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            keys[i] = ((long) sortableBits(s[offset + i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] idx = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            idx[i] = (int) keys[i];
        }
        return idx;
    }

    /** Indices that sort the row descending; equal values keep index order. */
    public static int[] argsortDescending(float[] s, int offset, int vocab) {
        long[] keys = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            keys[i] = ((long) ~sortableBits(s[offset + i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] idx = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            idx[i] = (int) keys[i];
        }
        return idx;
    }

    /** A signed int that orders like the float (−0 before +0). */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
