package dev.transformers4j.tokenizers.models;

import dev.transformers4j.tokenizers.text.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * One word during BPE merging: a doubly linked list of symbols (token id + length) over arrays, as
 * HF's {@code Word}. {@link #mergeAll} applies the merges lowest rank first, leftmost first among equal
 * ranks, with a priority queue of candidate pairs; entries made stale by an earlier merge are skipped.
 */
final class BpeWord {
    private int[] ids = new int[8];
    private int[] lengths = new int[8]; // UTF-8 bytes of the word covered, as in HF; 0 once merged away
    private int[] prev = new int[8];
    private int[] next = new int[8];
    private int size;

    /** Appends a symbol covering {@code length} UTF-8 bytes of the word. */
    void add(int id, int length) {
        if (size == ids.length) {
            ids = java.util.Arrays.copyOf(ids, size * 2);
            lengths = java.util.Arrays.copyOf(lengths, size * 2);
            prev = java.util.Arrays.copyOf(prev, size * 2);
            next = java.util.Arrays.copyOf(next, size * 2);
        }
        if (size > 0) {
            next[size - 1] = size;
        }
        ids[size] = id;
        lengths[size] = length;
        prev[size] = size - 1;
        next[size] = -1;
        size++;
    }

    /** HF's {@code Word::merge_all} without dropout. A queue entry is {@code rank << 32 | position}. */
    void mergeAll(BpeMerges merges) {
        PriorityQueue<Long> queue = new PriorityQueue<>(Math.max(1, size));
        for (int i = 0; i + 1 < size; i++) {
            offer(queue, merges, i, i + 1);
        }
        while (!queue.isEmpty()) {
            long top = queue.poll();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            if (lengths[pos] == 0 || next[pos] == -1) {
                continue;
            }
            int right = next[pos];
            int current = merges.rank(ids[pos], ids[right]);
            if (current < 0 || merges.newId(current) != merges.newId(rank)) {
                continue; // stale: this pair has changed since the entry was queued
            }
            ids[pos] = merges.newId(rank);
            lengths[pos] += lengths[right];
            next[pos] = next[right];
            lengths[right] = 0;
            if (next[pos] != -1) {
                prev[next[pos]] = pos;
                offer(queue, merges, pos, next[pos]);
            }
            if (prev[pos] >= 0) {
                offer(queue, merges, prev[pos], pos);
            }
        }
    }

    private void offer(PriorityQueue<Long> queue, BpeMerges merges, int left, int right) {
        int rank = merges.rank(ids[left], ids[right]);
        if (rank >= 0) {
            queue.add((long) rank << 32 | left);
        }
    }

    /**
     * The remaining symbols as tokens with their spans in {@code word}. Symbol lengths are UTF-8 bytes,
     * as in HF; a span that starts or ends inside a character (a byte-fallback token) covers all of it.
     */
    List<ModelToken> tokens(String word, IntFunction<String> tokenOf) {
        int[] charStart = new int[word.length() * 3 + 1]; // per UTF-8 byte: UTF-16 start of its character
        int[] charEnd = new int[word.length() * 3 + 1];   // per UTF-8 byte: UTF-16 end of its character
        int bytes = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            int end = i + Character.charCount(cp);
            for (int k = Utf8.length(cp); k > 0; k--, bytes++) {
                charStart[bytes] = i;
                charEnd[bytes] = end;
            }
            i = end;
        }
        List<ModelToken> tokens = new ArrayList<>(size);
        int start = 0;
        for (int i = 0; i < size; i++) {
            if (lengths[i] != 0) {
                int from = Math.min(start, bytes - 1);
                int to = Math.min(start + lengths[i], bytes) - 1;
                tokens.add(new ModelToken(ids[i], tokenOf.apply(ids[i]), charStart[from], charEnd[Math.max(from, to)]));
                start += lengths[i];
            }
        }
        return tokens;
    }
}
