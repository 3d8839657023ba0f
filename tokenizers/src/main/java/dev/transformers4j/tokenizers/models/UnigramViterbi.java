package dev.transformers4j.tokenizers.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most probable segmentation under a unigram language model (Kudo 2018, §3.1:
 * {@code x* = argmax_x Σ_i log p(x_i)}), found by Viterbi over the lattice of all pieces of the text.
 * This is SentencePiece's optimized search, which HF's {@code Unigram::encode_optimized} ports: going
 * left to right over code point positions, each piece starting at a position extends the best path
 * ending there; a position with no one-character piece gets the unknown piece, scored
 * {@code unkScore} (HF and SentencePiece: the lowest piece score − 10). On equal scores the path found
 * first (from the earlier start, then the shorter piece) is kept.
 */
public final class UnigramViterbi {
    private UnigramViterbi() {
    }

    /** How path scores are added and kept. */
    public enum Arithmetic {
        /** In {@code double} throughout (HF tokenizers). */
        DOUBLE,
        /**
         * SentencePiece's C++: path scores are stored as {@code float}; a piece's candidate is summed and
         * compared in {@code double}, an unknown character's in {@code float}.
         */
        SENTENCEPIECE
    }

    /** One piece of the best path: the span {@code [start, end)} of the text and the piece id. */
    public record Segment(int start, int end, int id) {
    }

    /**
     * The best path through {@code text}.
     *
     * @param scores   the score of each piece id
     * @param unkId    the id of the unknown piece, or {@code -1} if there is none
     * @throws IllegalArgumentException if a character has no piece and there is no unknown piece
     */
    public static List<Segment> bestPath(String text, PieceTrie trie, double[] scores, int unkId, double unkScore,
            Arithmetic arithmetic) {
        int n = text.length();
        double[] best = new double[n + 1];
        int[] startsAt = new int[n + 1];
        int[] ids = new int[n + 1];
        Arrays.fill(startsAt, -1);
        boolean sentencePiece = arithmetic == Arithmetic.SENTENCEPIECE;
        for (int start = 0; start < n; ) {
            final int from = start;
            double till = best[from];
            int oneChar = from + Character.charCount(text.codePointAt(from));
            boolean[] hasSingle = {false};
            trie.forEachPrefix(text, from, (end, id) -> {
                double candidate = scores[id] + till;
                if (startsAt[end] < 0 || candidate > best[end]) {
                    best[end] = sentencePiece ? (float) candidate : candidate;
                    startsAt[end] = from;
                    ids[end] = id;
                }
                hasSingle[0] |= end == oneChar;
            });
            if (!hasSingle[0]) {
                if (unkId < 0) {
                    throw new IllegalArgumentException("Unigram: no piece for " + describe(text.codePointAt(from))
                            + " and the model has no unknown piece (unk_id)");
                }
                double candidate = sentencePiece ? (float) unkScore + (float) till : unkScore + till;
                if (startsAt[oneChar] < 0 || candidate > best[oneChar]) {
                    best[oneChar] = candidate;
                    startsAt[oneChar] = from;
                    ids[oneChar] = unkId;
                }
            }
            start = oneChar;
        }
        List<Segment> path = new ArrayList<>();
        for (int end = n; end > 0; end = startsAt[end]) {
            path.add(new Segment(startsAt[end], end, ids[end]));
        }
        return path.reversed();
    }

    /** Consecutive unknown segments merged into one, as both HF ({@code fuse_unk}) and SentencePiece do. */
    public static List<Segment> fuseUnknown(List<Segment> path, int unkId) {
        List<Segment> fused = new ArrayList<>(path.size());
        for (Segment s : path) {
            Segment last = fused.isEmpty() ? null : fused.getLast();
            if (s.id() == unkId && last != null && last.id() == unkId) {
                fused.set(fused.size() - 1, new Segment(last.start(), s.end(), unkId));
            } else {
                fused.add(s);
            }
        }
        return fused;
    }

    private static String describe(int cp) {
        return String.format("'%s' (U+%04X)", Character.toString(cp), cp);
    }
}
