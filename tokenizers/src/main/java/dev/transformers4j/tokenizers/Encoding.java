package dev.transformers4j.tokenizers;

import java.util.Arrays;
import java.util.List;

/**
 * The result of encoding one text (or pair), as HF's {@code Encoding}. All arrays have one entry per
 * token, padding included.
 *
 * @param typeIds           segment ids ({@code token_type_ids}): 0 for the first sequence, 1 for the pair
 * @param attentionMask     1 for real tokens, 0 for padding
 * @param specialTokensMask 1 for tokens added by the post-processor ({@code [CLS]}, {@code [SEP]}) or padding
 * @param wordIds           index of the word within its sequence, {@code -1} for special tokens and padding
 * @param sequenceIds       0 or 1 for tokens of the first / second sequence, {@code -1} for the others
 * @param offsets           {@code [start, end)} in the original text as Java {@code String} (UTF-16) indices;
 *                          {@code [0, 0]} for special tokens and padding
 * @param codePointOffsets  the same spans counted in Unicode code points (HF's char offsets)
 * @param overflowing       the windows cut off by truncation, each post-processed and padded like this one
 */
public record Encoding(int[] ids, String[] tokens, int[] typeIds, int[] attentionMask, int[] specialTokensMask,
        int[] wordIds, int[] sequenceIds, int[][] offsets, int[][] codePointOffsets, List<Encoding> overflowing) {

    public Encoding {
        overflowing = List.copyOf(overflowing);
    }

    /** The number of tokens. */
    public int length() {
        return ids.length;
    }

    /** Whether truncation removed tokens (they are in {@link #overflowing()}). */
    public boolean truncated() {
        return !overflowing.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && Arrays.equals(ids, e.ids) && Arrays.equals(tokens, e.tokens)
                && Arrays.equals(typeIds, e.typeIds) && Arrays.equals(attentionMask, e.attentionMask)
                && Arrays.equals(specialTokensMask, e.specialTokensMask) && Arrays.equals(wordIds, e.wordIds)
                && Arrays.equals(sequenceIds, e.sequenceIds) && Arrays.deepEquals(offsets, e.offsets)
                && Arrays.deepEquals(codePointOffsets, e.codePointOffsets) && overflowing.equals(e.overflowing);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.deepHashCode(offsets);
    }

    @Override
    public String toString() {
        return "Encoding[ids=" + Arrays.toString(ids) + ", tokens=" + Arrays.toString(tokens) + ", offsets="
                + Arrays.deepToString(offsets) + ", overflowing=" + overflowing.size() + "]";
    }
}
