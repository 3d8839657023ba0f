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
    // Per normalized UTF-16 unit u, the original span (absolute) is alignStart/alignEnd[alignFrom + u].
    // The arrays are never written after creation, so a slice shares its parent's (alignFrom > 0).
    private int[] alignStart;
    private int[] alignEnd;
    private int alignFrom;

    private NormalizedString(int originalStart, int originalEnd, String normalized, int[] alignStart,
            int[] alignEnd, int alignFrom) {
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
        this.normalized = normalized;
        this.alignStart = alignStart;
        this.alignEnd = alignEnd;
        this.alignFrom = alignFrom;
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
        return new NormalizedString(0, text.length(), text, starts, ends, 0);
    }

    /** Where this string starts in the original text (HF's {@code offsets_original().0}). */
    public int originalStart() {
        return originalStart;
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
        return new int[] {originalStart(from, to), originalEnd(from, to)};
    }

    /** The start of {@link #originalRange}. */
    public int originalStart(int from, int to) {
        return from == to ? originalStart + from : alignStart[alignFrom + from];
    }

    /** The end of {@link #originalRange}. */
    public int originalEnd(int from, int to) {
        return from == to ? originalStart + to : alignEnd[alignFrom + to - 1];
    }

    /**
     * The normalized span {@code [from, to)} as its own string, keeping alignments (HF's {@code slice}).
     * The slice shares this string's alignment arrays until it is transformed.
     */
    public NormalizedString slice(int from, int to) {
        int start = from == to ? originalStart : originalStart(from, to);
        int end = from == to ? originalStart : originalEnd(from, to);
        return new NormalizedString(start, end, normalized.substring(from, to), alignStart, alignEnd,
                alignFrom + from);
    }

    /**
     * Replaces the normalized text by {@code edits}, HF's {@code transform}. Each edit is a code point
     * with a change: {@code 0} replaces the next old code point (and takes its alignment), {@code 1}
     * inserts (taking the alignment of the old unit just before), {@code -n} replaces the next old code
     * point and removes the {@code n} after it. {@code initialOffset} old code points are dropped first.
     */
    public void transform(List<Edit> edits, int initialOffset) {
        int[] codePoints = new int[edits.size()];
        int[] changes = new int[edits.size()];
        for (int i = 0; i < codePoints.length; i++) {
            codePoints[i] = edits.get(i).codePoint();
            changes[i] = edits.get(i).change();
        }
        transform(codePoints, changes, codePoints.length, initialOffset);
    }

    /** {@link #transform(List, int)} with the first {@code count} edits given as two arrays. */
    public void transform(int[] codePoints, int[] changes, int count, int initialOffset) {
        String old = normalized;
        int offset = 0;
        for (int k = 0; k < initialOffset; k++) {
            offset += Character.charCount(old.codePointAt(offset));
        }
        StringBuilder out = new StringBuilder(count + 8);
        IntArray starts = new IntArray(count + 8);
        IntArray ends = new IntArray(count + 8);
        for (int e = 0; e < count; e++) {
            int start;
            int end;
            if (changes[e] > 0) {
                start = offset < 1 ? originalStart : alignStart[alignFrom + offset - 1];
                end = offset < 1 ? originalStart : alignEnd[alignFrom + offset - 1];
            } else {
                start = alignStart[alignFrom + offset];
                end = alignEnd[alignFrom + offset];
                offset += Character.charCount(old.codePointAt(offset));
                for (int k = 0; k < -changes[e]; k++) {
                    offset += Character.charCount(old.codePointAt(offset));
                }
            }
            out.appendCodePoint(codePoints[e]);
            for (int u = 0; u < Character.charCount(codePoints[e]); u++) {
                starts.add(start);
                ends.add(end);
            }
        }
        normalized = out.toString();
        alignStart = starts.toArray();
        alignEnd = ends.toArray();
        alignFrom = 0;
    }

    /**
     * Puts {@code prefix} before the text (HF's {@code prepend}): the prefix takes the alignment of the
     * first code point, which is re-inserted after it with the same alignment. Nothing happens to an
     * empty string.
     */
    public void prepend(String prefix) {
        if (normalized.isEmpty()) {
            return;
        }
        List<Edit> edits = new ArrayList<>(prefix.length() + normalized.length() + 1);
        int[] added = prefix.codePoints().toArray();
        for (int i = 0; i < added.length; i++) {
            edits.add(new Edit(added[i], i == 0 ? 0 : 1));
        }
        int[] cps = normalized.codePoints().toArray();
        edits.add(new Edit(cps[0], 1));
        for (int i = 1; i < cps.length; i++) {
            edits.add(new Edit(cps[i], 0));
        }
        transform(edits, 0);
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

    /**
     * Replaces every code point by {@code mapping(cp)} (HF's {@code map}). Each new code point takes the
     * alignment of the old one, so when all keep their UTF-16 length the alignments stay as they are.
     */
    public void map(IntUnaryOperator mapping) {
        int[] mapped = new int[normalized.length()];
        int count = 0;
        boolean sameLengths = true;
        for (int i = 0; i < normalized.length(); count++) {
            int cp = normalized.codePointAt(i);
            mapped[count] = mapping.applyAsInt(cp);
            sameLengths &= Character.charCount(mapped[count]) == Character.charCount(cp);
            i += Character.charCount(cp);
        }
        if (sameLengths) {
            normalized = new String(mapped, 0, count);
        } else {
            transform(mapped, new int[count], count, 0);
        }
    }

    /**
     * Replaces every matched span of {@code matches} (which cover the text) by {@code content} (HF's
     * {@code replace}): the new characters all take the alignment of the last unit of the span, the
     * unmatched spans keep theirs.
     */
    public void replace(List<Match> matches, String content) {
        if (matches.stream().noneMatch(Match::matched)) {
            return;
        }
        StringBuilder out = new StringBuilder(normalized.length() + 8);
        IntArray starts = new IntArray(normalized.length() + 8);
        IntArray ends = new IntArray(normalized.length() + 8);
        for (Match m : matches) {
            if (!m.matched()) {
                out.append(normalized, m.start(), m.end());
                for (int u = m.start(); u < m.end(); u++) {
                    starts.add(alignStart[alignFrom + u]);
                    ends.add(alignEnd[alignFrom + u]);
                }
                continue;
            }
            int start = m.end() > 0 ? alignStart[alignFrom + m.end() - 1] : originalStart;
            int end = m.end() > 0 ? alignEnd[alignFrom + m.end() - 1] : originalStart;
            out.append(content);
            for (int u = 0; u < content.length(); u++) {
                starts.add(start);
                ends.add(end);
            }
        }
        normalized = out.toString();
        alignStart = starts.toArray();
        alignEnd = ends.toArray();
        alignFrom = 0;
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
        List<NormalizedString> pieces = new ArrayList<>(matches.size());
        if (behavior == SplitBehavior.ISOLATED) { // every span is a piece
            for (Match span : matches) {
                pieces.add(slice(span.start(), span.end()));
            }
            return pieces;
        }
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
