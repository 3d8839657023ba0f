package dev.transformers4j.tokenizers.train;

import java.util.Arrays;

/**
 * One distinct word of the corpus while BPE is being learned (HF's {@code Word}): its current symbols as
 * vocabulary ids, each with its length in characters of the word, so that {@code max_token_length} can
 * be checked.
 */
final class TrainingWord {
    /** Receives the change of a pair's count caused by a merge: {@code -1} or {@code +1} occurrence. */
    @FunctionalInterface
    interface Changes {
        void accept(long pair, int change);
    }

    private int[] ids = new int[8];
    private int[] lengths = new int[8];
    private int size;

    /** Appends a symbol one character long. */
    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        ids[size] = id;
        lengths[size++] = 1;
    }

    int size() {
        return size;
    }

    int id(int i) {
        return ids[i];
    }

    /** The symbols' ids, for tests. */
    int[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /**
     * HF's {@code Word::merge}: scans left to right and replaces each non-overlapping {@code (left, right)}
     * by {@code replacement}. For each replacement it reports the pairs that lose an occurrence (with the
     * symbol before and the one after) and those that gain one, the latter only if the merged symbol and
     * its neighbour are together shorter than {@code maxLength} characters (HF's strict {@code <}).
     */
    void merge(int left, int right, int replacement, long maxLength, Changes changes) {
        for (int i = 0; i < size; i++) {
            if (ids[i] != left || i + 1 >= size || ids[i + 1] != right) {
                continue;
            }
            int merged = lengths[i] + lengths[i + 1];
            if (i > 0) {
                changes.accept(PairCounts.pair(ids[i - 1], left), -1);
                if (lengths[i - 1] + merged < maxLength) {
                    changes.accept(PairCounts.pair(ids[i - 1], replacement), 1);
                }
            }
            ids[i] = replacement;
            lengths[i] = merged;
            System.arraycopy(ids, i + 2, ids, i + 1, size - i - 2);
            System.arraycopy(lengths, i + 2, lengths, i + 1, size - i - 2);
            size--;
            if (i < size - 1) {
                changes.accept(PairCounts.pair(right, ids[i + 1]), -1);
                if (lengths[i + 1] + merged < maxLength) {
                    changes.accept(PairCounts.pair(replacement, ids[i + 1]), 1);
                }
            }
        }
    }
}
