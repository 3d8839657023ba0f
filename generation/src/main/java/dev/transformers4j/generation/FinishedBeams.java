package dev.transformers4j.generation;

import java.util.Arrays;
import java.util.List;

/**
 * The K best finished sequences of one prompt in beam search, best first: HF's {@code sequences},
 * {@code beam_scores} and {@code is_sent_finished}, plus each one's generated length (HF derives it from
 * {@code beam_indices}). Empty slots hold the prompt with score −1e9 and are not flagged finished.
 */
final class FinishedBeams {

    private int[][] ids;          // [K, maxLength]
    private float[] scores;       // [K]
    private int[] lengths;        // generated tokens
    private boolean[] flags;      // is_sent_finished

    FinishedBeams(int[] emptyIds, int beams) {
        ids = new int[beams][];
        Arrays.fill(ids, emptyIds);
        scores = new float[beams];
        Arrays.fill(scores, BeamGroup.MASKED);
        lengths = new int[beams];
        flags = new boolean[beams];
    }

    /**
     * Keeps the K best of the current set and the candidates ({@code torch.topk} over both, current ones first
     * on ties); a candidate's score was already masked with −1e9 unless it may enter.
     */
    void merge(List<BeamGroup.Candidate> candidates, float[] candidateScores, boolean[] justFinished, int length) {
        int k = scores.length;
        float[] all = Arrays.copyOf(scores, k + candidates.size());
        System.arraycopy(candidateScores, 0, all, k, candidateScores.length);
        int[] chosen = TopK.indices(all, k);
        int[][] newIds = new int[k][];
        float[] newScores = new float[k];
        int[] newLengths = new int[k];
        boolean[] newFlags = new boolean[k];
        for (int j = 0; j < k; j++) {
            int i = chosen[j];
            boolean old = i < k;
            newIds[j] = old ? ids[i] : candidates.get(i - k).ids();
            newScores[j] = all[i];
            newLengths[j] = old ? lengths[i] : length;
            newFlags[j] = old ? flags[i] : justFinished[i - k];
        }
        ids = newIds;
        scores = newScores;
        lengths = newLengths;
        flags = newFlags;
    }

    boolean allFinished() {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** HF's {@code worst_finished_score} per slot: the lowest score where a slot is finished, −1e9 where not. */
    float worstFor(int slot) {
        if (!flags[slot]) {
            return BeamGroup.MASKED;
        }
        float worst = Float.POSITIVE_INFINITY;
        for (float s : scores) {
            worst = Math.min(worst, s);
        }
        return worst;
    }

    int[] ids(int j) {
        return ids[j];
    }

    float score(int j) {
        return scores[j];
    }

    int length(int j) {
        return lengths[j];
    }
}
