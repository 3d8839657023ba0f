package dev.transformers4j.generation;

import java.util.Arrays;

/** {@code torch.topk(values, k).indices}: the k largest, best first; equal values keep index order. */
final class TopK {

    private TopK() {
    }

    static int[] indices(float[] values, int k) {
        if (k > values.length) {
            throw new IllegalArgumentException("top " + k + " of only " + values.length + " values");
        }
        int[] best = new int[k];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (n == k && !(values[i] > values[best[k - 1]])) {
                continue;
            }
            int at = n < k ? n++ : k - 1;                 // insert after every value ≥ values[i]
            while (at > 0 && values[best[at - 1]] < values[i]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        return n == k ? best : Arrays.copyOf(best, n);
    }
}
