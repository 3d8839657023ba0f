package dev.transformers4j.generation.logits;

/**
 * HF's {@code TopPLogitsWarper} (nucleus sampling, Holtzman et al. 2019): sort the scores ascending, and remove
 * every token whose cumulative probability (from the least likely up) is {@code ≤ 1 − top_p}, always keeping the
 * {@code min_tokens_to_keep} most likely. What is left is the smallest set whose probability exceeds top_p.
 */
public final class TopPLogitsWarper implements LogitsProcessor {

    private final float topP;
    private final int minTokensToKeep;

    public TopPLogitsWarper(double topP, int minTokensToKeep) {
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1] but was " + topP);
        }
        this.topP = (float) topP;
        this.minTokensToKeep = minTokensToKeep;
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        int[] order = ScoreMath.argsortAscending(scores, offset, vocab);
        double[] p = ScoreMath.softmax(scores, offset, vocab);
        float removeAtOrBelow = 1 - topP;
        float cumulative = 0;
        for (int i = 0; i < vocab - minTokensToKeep; i++) {     // the last min_tokens_to_keep always stay
            cumulative += (float) p[order[i]];
            if (cumulative <= removeAtOrBelow) {
                scores[offset + order[i]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
