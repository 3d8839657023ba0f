package dev.transformers4j.tokenizers.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a BPE trainer learns from: each distinct word of the corpus (after normalization and
 * pre-tokenization) with the number of times it occurs — HF's {@code BpeTrainer::feed} result.
 * Words are kept in the order they first appear, so that training is deterministic (HF iterates a hash map).
 */
public final class WordCounts {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private long[] counts = new long[64];
    private long total;
    private long sequences;

    /** Counts one more occurrence of {@code word}; the empty word is ignored (it has nothing to learn from). */
    public void add(String word) {
        add(word, 1);
    }

    /** Counts {@code count} more occurrences of {@code word}. */
    public void add(String word, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("word count of '" + word + "': expected >= 1 but was " + count);
        }
        if (word.isEmpty()) {
            return;
        }
        Integer i = index.get(word);
        if (i == null) {
            i = words.size();
            index.put(word, i);
            words.add(word);
            if (i == counts.length) {
                counts = java.util.Arrays.copyOf(counts, i * 2);
            }
        }
        counts[i] += count;
        total += count;
    }

    /** The number of distinct words. */
    public int size() {
        return words.size();
    }

    /** The number of sequences (lines or texts) the words came from. */
    public long sequences() {
        return sequences;
    }

    void sequenceDone() {
        sequences++;
    }

    /** The number of words counted, repeats included. */
    public long total() {
        return total;
    }

    /** The {@code i}-th distinct word, in order of first appearance. */
    public String word(int i) {
        return words.get(i);
    }

    public long count(int i) {
        return counts[i];
    }

    /** The count of {@code word}, 0 if it was never seen. */
    public long count(String word) {
        Integer i = index.get(word);
        return i == null ? 0 : counts[i];
    }

    /** Builds word counts from a map (in the map's iteration order), as HF's trainer tests give them. */
    public static WordCounts of(Map<String, ? extends Number> counts) {
        WordCounts words = new WordCounts();
        counts.forEach((word, count) -> words.add(word, count.longValue()));
        return words;
    }
}
