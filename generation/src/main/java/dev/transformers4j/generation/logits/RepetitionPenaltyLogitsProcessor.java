package dev.transformers4j.generation.logits;

import java.util.BitSet;

/**
 * HF's {@code RepetitionPenaltyLogitsProcessor} (Keskar et al. 2019, CTRL): every token already in the row
 * (prompt included) gets {@code score < 0 ? score · penalty : score / penalty}, once however often it occurs.
 * A penalty above 1 discourages repetition, below 1 encourages it.
 */
public final class RepetitionPenaltyLogitsProcessor implements LogitsProcessor {

    private final float penalty;

    public RepetitionPenaltyLogitsProcessor(double penalty) {
        if (!(penalty > 0)) {
            throw new IllegalArgumentException("repetition_penalty must be > 0 but was " + penalty);
        }
        this.penalty = (float) penalty;
    }

    @Override
    public void processRow(int[] inputIds, float[] scores, int offset, int vocab) {
        BitSet seen = new BitSet(vocab);
        for (int token : inputIds) {
            if (token >= 0 && token < vocab && !seen.get(token)) {
                seen.set(token);
                float s = scores[offset + token];
                scores[offset + token] = s < 0 ? s * penalty : s / penalty;
            }
        }
    }
}
