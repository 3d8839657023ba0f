package dev.transformers4j.tokenizers.models;

import java.util.Arrays;

/**
 * The merge rules of a {@link BPE} vocabulary: for a pair of token ids, its rank (lower merges first)
 * and the id of the merged token. An open-addressing hash table on the pair packed into a {@code long}.
 */
final class BpeMerges {
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] newIdOfRank;
    private final int mask;

    /** @param left, right, newId one entry per rank; a pair listed twice keeps its last rank, as in HF */
    BpeMerges(int[] left, int[] right, int[] newId) {
        int capacity = Integer.highestOneBit(Math.max(4, left.length * 2)) * 2;
        keys = new long[capacity];
        ranks = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
        newIdOfRank = newId.clone();
        for (int rank = 0; rank < left.length; rank++) {
            long key = pack(left[rank], right[rank]);
            int slot = slot(key);
            keys[slot] = key;
            ranks[slot] = rank;
        }
    }

    /** The rank of merging {@code left} with {@code right}, or {@code -1} if there is no such merge. */
    int rank(int left, int right) {
        int slot = slot(pack(left, right));
        return keys[slot] == EMPTY ? -1 : ranks[slot];
    }

    /** The id of the token a merge of this rank produces. */
    int newId(int rank) {
        return newIdOfRank[rank];
    }

    private static long pack(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
    private int slot(long key) {
        int slot = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
