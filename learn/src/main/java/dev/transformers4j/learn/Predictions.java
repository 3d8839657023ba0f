package dev.transformers4j.learn;

import java.util.ArrayList;
import java.util.List;

/** The top-k of a softmax over one row of logits, as {@link Prediction}s (most probable first). */
final class Predictions {

    private Predictions() {
    }

    /**
     * {@code softmax(logits)} (max subtracted first), then the {@code k} most probable tokens; ties go to the lower id.
     *
     * @param logits the row {@code [V]} starting at {@code from} in {@code data}
     */
    static List<Prediction> topK(float[] data, int from, int v, int k, LoadedModel m) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k " + k + ": expected at least 1");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + v; i++) {
            max = Math.max(max, data[i]);
        }
        double sum = 0;
        for (int i = from; i < from + v; i++) {
            sum += Math.exp(data[i] - max);
        }
        int[] best = topIndices(data, from, v, Math.min(k, v));
        List<Prediction> out = new ArrayList<>(best.length);
        for (int id : best) {
            String token = m.tokenizer() == null ? null : m.tokenizer().idToToken(id);
            out.add(new Prediction(id, token == null ? "#" + id : token, m.decode(id),
                    Math.exp(data[from + id] - max) / sum));
        }
        return List.copyOf(out);
    }

    /** The ids of the {@code k} largest values, largest first (insertion into a sorted array of k: O(V·k)). */
    private static int[] topIndices(float[] data, int from, int v, int k) {
        int[] ids = new int[k];
        int n = 0;
        for (int id = 0; id < v; id++) {
            float x = data[from + id];
            if (n == k && x <= data[from + ids[k - 1]]) {
                continue;
            }
            int j = n < k ? n++ : k - 1;
            while (j > 0 && x > data[from + ids[j - 1]]) {
                ids[j] = ids[j - 1];
                j--;
            }
            ids[j] = id;
        }
        return ids;
    }
}
