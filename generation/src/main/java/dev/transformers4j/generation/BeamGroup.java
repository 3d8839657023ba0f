package dev.transformers4j.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The beams of one prompt in HF's vectorised beam search (transformers ≥ 4.50 {@code _beam_search}): K running
 * beams with accumulated log-probabilities, and the K best finished sequences with their length-normalised
 * scores. Score arithmetic is float32 with HF's {@code −1e9} masks, so ties and orderings match.
 */
final class BeamGroup {

    static final float MASKED = -1.0e9f;

    /** A continuation: beam {@code beam} followed by {@code token}; {@code done} = it hits a stopping criterion. */
    record Candidate(int beam, int token, float score, int[] ids, boolean done) {
    }

    private final int beams;
    private final int[][] running;          // [K, maxLength]
    private final float[] runningScores;    // [K], sorted best first
    private final FinishedBeams finished;
    private boolean improvable = true;      // HF's is_early_stop_heuristic_unsatisfied

    BeamGroup(int[] prompt, int beams, int maxLength, int fill) {
        this.beams = beams;
        running = new int[beams][];
        runningScores = new float[beams];
        for (int k = 0; k < beams; k++) {
            running[k] = Arrays.copyOf(prompt, maxLength);
            Arrays.fill(running[k], prompt.length, maxLength, fill);
            runningScores[k] = k == 0 ? 0 : MASKED;    // only beam 0 is expanded at the first step
        }
        finished = new FinishedBeams(running[0].clone(), beams);
    }

    int[] runningIds(int k) {
        return running[k];
    }

    /**
     * HF's {@code _get_top_k_continuations}: the {@code beamsToKeep} best of {@code logProbs[k, v] + score[k]}
     * over all beams and tokens, best first, each checked against the stopping criteria.
     */
    List<Candidate> candidates(float[] logProbs, int offset, int vocab, int cur, int beamsToKeep,
            StoppingCriteria stopping) {
        float[] acc = new float[beams * vocab];                                   // [K · V]
        for (int k = 0; k < beams; k++) {
            for (int v = 0; v < vocab; v++) {
                acc[k * vocab + v] = logProbs[offset + k * vocab + v] + runningScores[k];
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int i : TopK.indices(acc, beamsToKeep)) {
            int[] ids = running[i / vocab].clone();
            ids[cur] = i % vocab;
            out.add(new Candidate(i / vocab, i % vocab, acc[i], ids, stopping.isDone(ids, cur + 1)));
        }
        return out;
    }

    /**
     * HF's {@code _get_running_beams_for_next_iteration}: the K best candidates that are not done become the
     * running beams (done ones are masked with −1e9). Returns, per new beam, the beam it continues.
     */
    int[] advance(List<Candidate> candidates) {
        float[] masked = new float[candidates.size()];
        for (int c = 0; c < masked.length; c++) {
            masked[c] = candidates.get(c).score() + (candidates.get(c).done() ? MASKED : 0f);
        }
        int[] chosen = TopK.indices(masked, beams);
        int[] from = new int[beams];
        for (int k = 0; k < beams; k++) {
            Candidate c = candidates.get(chosen[k]);
            running[k] = c.ids();
            runningScores[k] = masked[chosen[k]];
            from[k] = c.beam();
        }
        return from;
    }

    /**
     * HF's {@code _update_finished_beams}: candidates among the first K that are done enter the finished set with
     * score {@code sum_logprobs / generated_length ^ length_penalty}, if they beat the worst finished ones. None
     * enter when the set is full and early_stopping is True, or when the heuristic said no improvement is possible.
     */
    void updateFinished(List<Candidate> candidates, int generatedLength, double lengthPenalty, EarlyStopping stop) {
        float divisor = (float) Math.pow(generatedLength, lengthPenalty);
        boolean full = stop == EarlyStopping.WHEN_BEAMS_FULL && finished.allFinished();
        float[] scores = new float[candidates.size()];
        boolean[] justFinished = new boolean[candidates.size()];
        for (int c = 0; c < scores.length; c++) {
            justFinished[c] = candidates.get(c).done() && c < beams;
            float s = candidates.get(c).score() / divisor;
            s += full ? MASKED : 0f;
            s += improvable ? 0f : MASKED;
            s += justFinished[c] ? 0f : MASKED;
            scores[c] = s;
        }
        finished.merge(candidates, scores, justFinished, generatedLength);
    }

    /**
     * HF's {@code _check_early_stop_heuristic} (after the length grew to {@code cur}): improvement stays possible
     * while the best running beam, normalised by the best length it could hope for, beats the worst finished one.
     */
    void checkEarlyStop(int cur, int promptLength, int maxLength, double lengthPenalty, EarlyStopping stop) {
        int bestLength = stop == EarlyStopping.NEVER && lengthPenalty > 0 ? maxLength - promptLength
                : cur - promptLength;
        float best = runningScores[0] / (float) Math.pow(bestLength, lengthPenalty);
        boolean beatsOne = false;
        for (int k = 0; k < beams; k++) {
            beatsOne |= best > finished.worstFor(k);
        }
        improvable &= beatsOne;
    }

    boolean improvable() {
        return improvable;
    }

    boolean allFinished() {
        return finished.allFinished();
    }

    FinishedBeams finished() {
        return finished;
    }
}
