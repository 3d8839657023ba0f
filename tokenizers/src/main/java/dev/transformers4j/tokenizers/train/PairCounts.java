package dev.transformers4j.tokenizers.train;

import java.util.Arrays;

/**
 * HF's {@code pair_counts}: how often each pair of adjacent symbols occurs in the corpus (a word's pairs
 * counted once per occurrence of the word). A pair {@code (left, right)} of vocabulary ids is packed into
 * one {@code long}, {@code left} in the high half, so that comparing packed pairs compares them as HF's
 * {@code (u32, u32)} tuples do. Open addressing, no boxing.
 */
final class PairCounts {
    private static final long EMPTY = -1;

    private long[] keys;
    private long[] values;
    private int size;

    PairCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new long[capacity];
    }

    static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    /** The count of {@code pair}, 0 if it was never seen. */
    long get(long pair) {
        int slot = slot(keys, pair);
        return keys[slot] == EMPTY ? 0 : values[slot];
    }

    void add(long pair, long delta) {
        int slot = slot(keys, pair);
        if (keys[slot] != EMPTY) {
            values[slot] += delta;
            return;
        }
        keys[slot] = pair;
        values[slot] = delta;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private static int slot(long[] keys, long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
