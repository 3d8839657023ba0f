package dev.transformers4j.tokenizers.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Steps 4 and 5 of HF's {@code BpeTrainer::do_train}, Sennrich et al.'s algorithm (2016, §3.2, "iteratively
 * count all symbol pairs and replace each occurrence of the most frequent pair (A, B) with a new symbol AB")
 * made incremental as HF does it: pairs are counted once, each with the words it occurs in; a merge then
 * rewrites only those words and adjusts the counts of the pairs around each occurrence.
 *
 * <p>The queue holds candidates {@code (pair, count, words)} ordered as HF's {@code Merge}: the highest count
 * first, ties going to the smaller pair of ids. A candidate whose count went stale is put back with the
 * current count; a pair that gained occurrences gets a further candidate holding just the new words — all as
 * in HF, so that the merges come out the same.
 */
final class BpeMergeLoop {
    /** A pair's word indices without repeats (a word's changes arrive together, so a repeat is the last one). */
    private static final class Positions {
        int[] words = new int[4];
        int size;

        void add(int word) {
            if (size > 0 && words[size - 1] == word) {
                return;
            }
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = word;
        }
    }

    private record Candidate(long pair, long count, Positions positions) {
    }

    private static final Comparator<Candidate> HF_MERGE_ORDER = (a, b) -> a.count != b.count
            ? Long.compare(b.count, a.count) : Long.compare(a.pair, b.pair);

    private final List<TrainingWord> words;
    private final long[] counts;
    private final TrainingVocab vocab;
    private final PairCounts pairCounts;
    private final Map<Long, Positions> whereToUpdate = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(HF_MERGE_ORDER);
    /** The merges in order: packed pair and the id of the merged token. */
    private final List<long[]> merges = new ArrayList<>();

    BpeMergeLoop(List<TrainingWord> words, long[] counts, TrainingVocab vocab) {
        this.words = words;
        this.counts = counts;
        this.vocab = vocab;
        this.pairCounts = new PairCounts(words.size() * 4);
    }

    /** HF's {@code count_pairs}: every adjacent pair of every word, weighted by the word's count. */
    void countPairs() {
        for (int w = 0; w < words.size(); w++) {
            TrainingWord word = words.get(w);
            for (int i = 0; i + 1 < word.size(); i++) {
                long pair = PairCounts.pair(word.id(i), word.id(i + 1));
                pairCounts.add(pair, counts[w]);
                whereToUpdate.computeIfAbsent(pair, p -> new Positions()).add(w);
            }
        }
        enqueueUpdatedPairs();
    }

    /**
     * Merges the best pair until the vocabulary has {@code vocabSize} tokens, no pair is left, or the best
     * occurs fewer than {@code minFrequency} times. The right part of a merge loses its
     * {@code continuingSubwordPrefix} ({@code null}: none); merged pairs must leave symbols shorter than
     * {@code maxTokenLength} characters to be counted (HF's rule, see {@link TrainingWord#merge}).
     */
    void run(int vocabSize, long minFrequency, String continuingSubwordPrefix, long maxTokenLength) {
        while (vocab.size() < vocabSize && !queue.isEmpty()) {
            Candidate top = queue.poll();
            long count = pairCounts.get(top.pair);
            if (top.count != count) {
                queue.add(new Candidate(top.pair, count, top.positions));
                continue;
            }
            if (top.count < 1 || minFrequency > top.count) {
                break;
            }
            String right = vocab.token(PairCounts.right(top.pair));
            if (continuingSubwordPrefix != null && right.startsWith(continuingSubwordPrefix)) {
                right = right.substring(continuingSubwordPrefix.length());
            }
            int newId = vocab.idOrAdd(vocab.token(PairCounts.left(top.pair)) + right);
            merges.add(new long[] {top.pair, newId});
            mergeEverywhere(top, newId, maxTokenLength);
            enqueueUpdatedPairs();
        }
    }

    private void mergeEverywhere(Candidate top, int newId, long maxTokenLength) {
        int left = PairCounts.left(top.pair);
        int right = PairCounts.right(top.pair);
        for (int k = 0; k < top.positions.size; k++) {
            int w = top.positions.words[k];
            words.get(w).merge(left, right, newId, maxTokenLength, (pair, change) -> {
                pairCounts.add(pair, change * counts[w]);
                if (change > 0) {
                    whereToUpdate.computeIfAbsent(pair, p -> new Positions()).add(w);
                }
            });
        }
    }

    private void enqueueUpdatedPairs() {
        whereToUpdate.forEach((pair, positions) -> {
            long count = pairCounts.get(pair);
            if (count > 0) {
                queue.add(new Candidate(pair, count, positions));
            }
        });
        whereToUpdate.clear();
    }

    /** The merges as HF's model keeps them: a pair merged twice keeps only its later rank. */
    List<long[]> merges() {
        Map<Long, Integer> lastRank = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            lastRank.put(merges.get(rank)[0], rank);
        }
        List<long[]> kept = new ArrayList<>(lastRank.size());
        for (int rank = 0; rank < merges.size(); rank++) {
            if (lastRank.get(merges.get(rank)[0]) == rank) {
                kept.add(merges.get(rank));
            }
        }
        return kept;
    }
}
