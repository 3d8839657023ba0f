package dev.transformers4j.generation.logits;

/**
 * HF's {@code MinPLogitsWarper} (Nguyen et al. 2024): remove tokens whose probability is below
 * {@code min_p · p_max}, keeping at least the {@code min_tokens_to_keep} most likely. HF applies it after
 * temperature.
 */
public final class MinPLogitsWarper implements LogitsProcessor {

    private final double minP;
    private final int minTokensToKeep;

    public MinPLogitsWarper(double minP, int minTokensToKeep) {
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min_p must be in [0, 1] but was " + minP);
        }
        this.minP = minP;
        this.minTokensToKeep = minTokensToKeep;
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        double[] p = ScoreMath.softmax(scores, offset, vocab);
        double top = 0;
        for (double x : p) {
            top = Math.max(top, x);
        }
        float threshold = (float) (minP * top);
        int[] order = ScoreMath.argsortDescending(scores, offset, vocab);
        for (int i = minTokensToKeep; i < vocab; i++) {         // the first min_tokens_to_keep always stay
            if ((float) p[order[i]] < threshold) {
                scores[offset + order[i]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
