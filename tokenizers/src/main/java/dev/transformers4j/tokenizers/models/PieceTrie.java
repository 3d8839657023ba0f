package dev.transformers4j.tokenizers.models;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A trie of vocabulary pieces over their UTF-16 units, answering "which pieces start here?" for the
 * unigram lattice ({@code commonPrefixSearch} in SentencePiece and HF). Matches are reported shortest
 * first, which decides ties in {@link UnigramViterbi}.
 */
public final class PieceTrie {
    private final Map<Long, Integer> children = new HashMap<>();
    private int[] ids = {-1};
    private int size = 1;

    /** What a prefix search reports: a piece {@code id} covering {@code text[from, end)}. */
    @FunctionalInterface
    public interface PrefixVisitor {
        void visit(int end, int id);
    }

    /** Adds {@code piece} with {@code id}; a piece added twice keeps the last id. Empty pieces are ignored. */
    public void add(String piece, int id) {
        int node = 0;
        for (int i = 0; i < piece.length(); i++) {
            long key = (long) node << 16 | piece.charAt(i);
            Integer child = children.get(key);
            if (child == null) {
                child = newNode();
                children.put(key, child);
            }
            node = child;
        }
        if (node != 0) {
            ids[node] = id;
        }
    }

    /** Reports every piece that {@code text} has at position {@code from}, shortest first. */
    public void forEachPrefix(String text, int from, PrefixVisitor visitor) {
        int node = 0;
        for (int i = from; i < text.length(); i++) {
            Integer child = children.get((long) node << 16 | text.charAt(i));
            if (child == null) {
                return;
            }
            node = child;
            if (ids[node] >= 0) {
                visitor.visit(i + 1, ids[node]);
            }
        }
    }

    private int newNode() {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            Arrays.fill(ids, size, ids.length, -1);
        }
        return size++;
    }
}
