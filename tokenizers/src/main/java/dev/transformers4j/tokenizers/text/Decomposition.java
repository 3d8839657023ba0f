package dev.transformers4j.tokenizers.text;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The edit list HF's {@code unicode_normalization_alignments} produces for NFD/NFKD.
 *
 * <p>HF decomposes every code point on its own (first piece: change {@code 0}, the others: inserted,
 * change {@code 1}), then stably sorts each run of non-starters by canonical combining class. Java has
 * no public combining-class API, but the stable sort is exactly what {@link Normalizer} does to the
 * concatenated pieces, and it never reorders equal code points; so the k-th occurrence of a code point
 * in Java's output is the k-th occurrence among the pieces, which carries its change along.
 *
 * <p>HF's normalization tables are older than Java's: a mark added to Unicode since then has combining
 * class 0 there, so it is never moved and stops the reordering ({@link CharClasses#isNotReorderedByHf}).
 */
final class Decomposition {
    private Decomposition() {
    }

    static List<NormalizedString.Edit> edits(String text, Normalizer.Form form) {
        List<NormalizedString.Edit> pieces = new ArrayList<>();
        StringBuilder concatenated = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            String decomposed = Normalizer.normalize(Character.toString(cp), form);
            int[] parts = decomposed.codePoints().toArray();
            for (int i = 0; i < parts.length; i++) {
                pieces.add(new NormalizedString.Edit(parts[i], i == 0 ? 0 : 1));
            }
            concatenated.append(decomposed);
        });
        String ordered = reorder(concatenated.toString(), form);
        Map<Integer, ArrayDeque<NormalizedString.Edit>> byCodePoint = new HashMap<>();
        for (NormalizedString.Edit piece : pieces) {
            byCodePoint.computeIfAbsent(piece.codePoint(), k -> new ArrayDeque<>()).add(piece);
        }
        return ordered.codePoints().mapToObj(cp -> byCodePoint.get(cp).removeFirst()).toList();
    }

    /** Canonical reordering of already decomposed text, with marks unknown to HF acting as starters. */
    private static String reorder(String decomposed, Normalizer.Form form) {
        StringBuilder out = new StringBuilder(decomposed.length());
        int segmentStart = 0;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isMarkUnknownToHf(cp)) {
                out.append(Normalizer.normalize(decomposed.substring(segmentStart, i), form));
                out.appendCodePoint(cp);
                segmentStart = next;
            }
            i = next;
        }
        out.append(Normalizer.normalize(decomposed.substring(segmentStart), form));
        return out.toString();
    }

    private static boolean isMarkUnknownToHf(int cp) {
        return CharClasses.isNotReorderedByHf(cp);
    }
}
