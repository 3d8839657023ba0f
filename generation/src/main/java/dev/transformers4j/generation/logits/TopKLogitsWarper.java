package dev.transformers4j.generation.logits;

/**
 * HF's {@code TopKLogitsWarper}: keep the {@code k = min(max(top_k, min_tokens_to_keep), V)} highest scores and
 * set the others to −inf. As in HF, every score equal to the k-th highest is kept too.
 */
public final class TopKLogitsWarper implements LogitsProcessor {

    private final int topK;

    public TopKLogitsWarper(int topK, int minTokensToKeep) {
        if (topK <= 0) {
            throw new IllegalArgumentException("top_k must be a positive integer but was " + topK);
        }
        this.topK = Math.max(topK, minTokensToKeep);
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        int k = Math.min(topK, vocab);
        int[] order = ScoreMath.argsortDescending(scores, offset, vocab);
        float kth = scores[offset + order[k - 1]];
        for (int i = offset; i < offset + vocab; i++) {
            if (scores[i] < kth) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
