package dev.transformers4j.tokenizers.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A piece of the input text with its normalized form and, for every normalized UTF-16 unit, the
 * span of the original text it came from — HF's {@code NormalizedString}.
 *
 * <p>HF keeps one {@code (start, end)} alignment per normalized UTF-8 byte, relative to the slice;
 * here there is one per UTF-16 unit, holding absolute UTF-16 indices into the full input text. All
 * units of one code point share its alignment, so the two are equivalent. Edits go through
 * {@link #transform}, which reproduces HF's {@code transform_range} alignment rules exactly.
 */
public final class NormalizedString {
    private final int originalStart;
    private final int originalEnd;
    private String normalized;
    private int[] alignStart; // per normalized UTF-16 unit: original start (absolute)
    private int[] alignEnd;   // per normalized UTF-16 unit: original end (absolute)

    private NormalizedString(int originalStart, int originalEnd, String normalized, int[] alignStart,
            int[] alignEnd) {
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
        this.normalized = normalized;
        this.alignStart = alignStart;
        this.alignEnd = alignEnd;
    }

    /** The whole {@code text}, not yet normalized: each code point aligned to itself. */
    public static NormalizedString of(String text) {
        int[] starts = new int[text.length()];
        int[] ends = new int[text.length()];
        for (int i = 0; i < text.length(); ) {
            int next = i + Character.charCount(text.codePointAt(i));
            for (int u = i; u < next; u++) {
                starts[u] = i;
                ends[u] = next;
            }
            i = next;
        }
        return new NormalizedString(0, text.length(), text, starts, ends);
    }

    /** The normalized text. */
    public String get() {
        return normalized;
    }

    public boolean isEmpty() {
        return normalized.isEmpty();
    }

    /**
     * The original span {@code [start, end)} of the normalized span {@code [from, to)}: the start of the
     * first unit's alignment and the end of the last one's (HF's {@code convert_offsets}).
     */
    public int[] originalRange(int from, int to) {
        if (from == to) {
            return new int[] {originalStart + from, originalStart + to};
        }
        return new int[] {alignStart[from], alignEnd[to - 1]};
    }

    /** The normalized span {@code [from, to)} as its own string, keeping alignments (HF's {@code slice}). */
    public NormalizedString slice(int from, int to) {
        int[] range = from == to ? new int[] {originalStart, originalStart} : originalRange(from, to);
        int[] starts = java.util.Arrays.copyOfRange(alignStart, from, to);
        int[] ends = java.util.Arrays.copyOfRange(alignEnd, from, to);
        return new NormalizedString(range[0], range[1], normalized.substring(from, to), starts, ends);
    }

    /**
     * Replaces the normalized text by {@code edits}, HF's {@code transform}. Each edit is a code point
     * with a change: {@code 0} replaces the next old code point (and takes its alignment), {@code 1}
     * inserts (taking the alignment of the old unit just before), {@code -n} replaces the next old code
     * point and removes the {@code n} after it. {@code initialOffset} old code points are dropped first.
     */
    public void transform(List<Edit> edits, int initialOffset) {
        String old = normalized;
        int offset = 0;
        for (int k = 0; k < initialOffset; k++) {
            offset += Character.charCount(old.codePointAt(offset));
        }
        StringBuilder out = new StringBuilder(old.length() + 8);
        IntArray starts = new IntArray(old.length() + 8);
        IntArray ends = new IntArray(old.length() + 8);
        for (Edit edit : edits) {
            int start;
            int end;
            if (edit.change() > 0) {
                start = offset < 1 ? originalStart : alignStart[offset - 1];
                end = offset < 1 ? originalStart : alignEnd[offset - 1];
            } else {
                start = alignStart[offset];
                end = alignEnd[offset];
                offset += Character.charCount(old.codePointAt(offset));
                for (int k = 0; k < -edit.change(); k++) {
                    offset += Character.charCount(old.codePointAt(offset));
                }
            }
            out.appendCodePoint(edit.codePoint());
            for (int u = 0; u < Character.charCount(edit.codePoint()); u++) {
                starts.add(start);
                ends.add(end);
            }
        }
        normalized = out.toString();
        alignStart = starts.toArray();
        alignEnd = ends.toArray();
    }

    /** Keeps only the code points satisfying {@code keep}, each with its own alignment (HF's {@code filter}). */
    public void filter(IntPredicate keep) {
        int[] cps = normalized.codePoints().toArray();
        List<Edit> edits = new ArrayList<>(cps.length);
        int removed = 0;
        for (int i = cps.length - 1; i >= 0; i--) {
            if (keep.test(cps[i])) {
                edits.add(new Edit(cps[i], -removed));
                removed = 0;
            } else {
                removed++;
            }
        }
        java.util.Collections.reverse(edits);
        transform(edits, removed);
    }

    /** Replaces every code point by {@code mapping(cp)} (HF's {@code map}). */
    public void map(IntUnaryOperator mapping) {
        transform(normalized.codePoints().mapToObj(cp -> new Edit(mapping.applyAsInt(cp), 0)).toList(), 0);
    }

    /** Rust {@code char::to_lowercase} on every code point (HF's {@code lowercase}). */
    public void lowercase() {
        List<Edit> edits = new ArrayList<>(normalized.length());
        normalized.codePoints().forEach(cp -> {
            int[] lower = CharClasses.toLowercase(cp);
            for (int i = 0; i < lower.length; i++) {
                edits.add(new Edit(lower[i], i > 0 ? 1 : 0));
            }
        });
        transform(edits, 0);
    }

    /** Unicode NFD or NFKD with HF's alignment rules; see {@link Decomposition}. */
    public void decompose(Normalizer.Form form) {
        if (!Normalizer.isNormalized(normalized, form)) {
            transform(Decomposition.edits(normalized, form), 0);
        }
    }

    /** Splits on the {@code matches} of a pattern, treating matched spans as {@code behavior} says. */
    public List<NormalizedString> split(List<Match> matches, SplitBehavior behavior) {
        List<NormalizedString> pieces = new ArrayList<>();
        for (Match span : Splitting.spans(matches, behavior)) {
            if (!span.matched()) { // here "matched" means "remove"
                pieces.add(slice(span.start(), span.end()));
            }
        }
        return pieces;
    }

    /** One code point of a {@link #transform} with its change ({@code 1} insert, {@code 0} replace, {@code -n}). */
    public record Edit(int codePoint, int change) {
    }
}
