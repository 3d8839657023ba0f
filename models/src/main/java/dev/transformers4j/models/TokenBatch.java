package dev.transformers4j.models;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of token sequences padded to one length: {@code ids}, {@code typeIds} and {@code attentionMask}
 * are {@code [B, T]} row-major, the mask 1 for real tokens and 0 for padding.
 */
public record TokenBatch(int batch, int length, int[] ids, int[] typeIds, int[] attentionMask) {

    public TokenBatch {
        int n = batch * length;
        if (ids.length != n || typeIds.length != n || attentionMask.length != n) {
            throw new IllegalArgumentException("token batch [" + batch + ", " + length + "] needs " + n
                    + " ids, type ids and mask values but got " + ids.length + ", " + typeIds.length + ", "
                    + attentionMask.length);
        }
    }

    /** One unpadded sequence, type ids 0. */
    public static TokenBatch of(int... ids) {
        return rightPadded(List.of(ids), null, 0);
    }

    /**
     * Sequences padded on the right with {@code padId} to the longest one (BERT's convention).
     *
     * @param typeIds one array per sequence, or null for all zeros
     */
    public static TokenBatch rightPadded(List<int[]> seqs, List<int[]> typeIds, int padId) {
        int b = seqs.size();
        int t = seqs.stream().mapToInt(s -> s.length).max().orElse(0);
        int[] ids = new int[b * t];
        int[] types = new int[b * t];
        int[] mask = new int[b * t];
        Arrays.fill(ids, padId);
        for (int i = 0; i < b; i++) {
            int[] s = seqs.get(i);
            System.arraycopy(s, 0, ids, i * t, s.length);
            Arrays.fill(mask, i * t, i * t + s.length, 1);
            if (typeIds != null) {
                int[] ty = typeIds.get(i);
                if (ty.length != s.length) {
                    throw new IllegalArgumentException("sequence " + i + ": " + s.length + " ids but " + ty.length
                            + " type ids");
                }
                System.arraycopy(ty, 0, types, i * t, ty.length);
            }
        }
        return new TokenBatch(b, t, ids, types, mask);
    }

    /** The ids of row {@code b}, padding included. */
    public int[] row(int b) {
        return Arrays.copyOfRange(ids, b * length, (b + 1) * length);
    }

    /** The number of real (unmasked) tokens of row {@code b}. */
    public int realLength(int b) {
        int n = 0;
        for (int i = b * length; i < (b + 1) * length; i++) {
            n += attentionMask[i];
        }
        return n;
    }

    /** Each row repeated {@code n} times in place: row b becomes rows b·n … b·n + n − 1 (one copy per beam). */
    public TokenBatch repeatInterleave(int n) {
        if (n == 1) {
            return this;
        }
        int rows = batch * n;
        int[] newIds = new int[rows * length];
        int[] types = new int[rows * length];
        int[] mask = new int[rows * length];
        for (int r = 0; r < rows; r++) {
            int src = (r / n) * length;
            System.arraycopy(ids, src, newIds, r * length, length);
            System.arraycopy(typeIds, src, types, r * length, length);
            System.arraycopy(attentionMask, src, mask, r * length, length);
        }
        return new TokenBatch(rows, length, newIds, types, mask);
    }
}
