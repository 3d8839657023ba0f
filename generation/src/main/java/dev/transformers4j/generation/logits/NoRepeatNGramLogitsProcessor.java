package dev.transformers4j.generation.logits;

/**
 * HF's {@code NoRepeatNGramLogitsProcessor}: an n-gram may occur only once in a row (prompt included). The
 * tokens that would complete an n-gram already present, after the row's last n−1 tokens, get −inf.
 */
public final class NoRepeatNGramLogitsProcessor implements LogitsProcessor {

    private final int n;

    public NoRepeatNGramLogitsProcessor(int ngramSize) {
        if (ngramSize <= 0) {
            throw new IllegalArgumentException("no_repeat_ngram_size must be > 0 but was " + ngramSize);
        }
        this.n = ngramSize;
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        int len = ids.length;
        if (len + 1 < n) {
            return;
        }
        int prefixStart = len - (n - 1);                       // the row's last n−1 tokens
        for (int start = 0; start + n <= len; start++) {       // every n-gram ids[start, start + n)
            if (matches(ids, start, prefixStart)) {
                int banned = ids[start + n - 1];
                if (banned >= 0 && banned < vocab) {
                    scores[offset + banned] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }

    private boolean matches(int[] ids, int start, int prefixStart) {
        for (int i = 0; i < n - 1; i++) {
            if (ids[start + i] != ids[prefixStart + i]) {
                return false;
            }
        }
        return true;
    }
}
