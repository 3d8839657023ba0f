package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.NormalizedString;
import dev.transformers4j.tokenizers.text.Utf8;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HF's {@code Precompiled} normalizer: SentencePiece's compiled rules ({@link PrecompiledCharsMap})
 * applied as HF's {@code normalizers/precompiled.rs} applies them, which is not quite SentencePiece's
 * way. The text is cut into extended grapheme clusters; a cluster shorter than 6 UTF-8 bytes that some
 * rule matches (the shortest rule that is a prefix of it) is replaced as a whole; otherwise each code
 * point is looked up on its own. (SentencePiece instead takes the longest rule at each position of the
 * raw text; see {@code sentencepiece.SentencePieceNormalizer}.)
 *
 * <p>Alignments follow HF's bookkeeping exactly, quirk included: a code point rewritten to nothing
 * takes one character off the previous edit, and is not accounted for at all at the very start.
 */
public final class Precompiled implements Normalizer {
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private final PrecompiledCharsMap charsMap;

    public Precompiled(PrecompiledCharsMap charsMap) {
        this.charsMap = charsMap;
    }

    public PrecompiledCharsMap charsMap() {
        return charsMap;
    }

    @Override
    public void normalize(NormalizedString text) {
        String s = text.get();
        Edits edits = new Edits(s.length() + 8);
        boolean modified = false;
        Matcher graphemes = GRAPHEME.matcher(s);
        while (graphemes.find()) {
            String grapheme = graphemes.group();
            byte[] utf8 = utf8(grapheme);
            PrecompiledCharsMap.Match whole = utf8.length < 6 ? charsMap.shortestPrefix(utf8, 0, utf8.length) : null;
            if (whole != null) {
                modified = true;
                edits.replace(grapheme.codePointCount(0, grapheme.length()), whole.replacement());
                continue;
            }
            for (int i = 0; i < grapheme.length(); ) {
                int cp = grapheme.codePointAt(i);
                byte[] part = utf8(Character.toString(cp));
                PrecompiledCharsMap.Match single = charsMap.shortestPrefix(part, 0, part.length);
                if (single != null) {
                    modified = true;
                    edits.replace(1, single.replacement());
                } else {
                    edits.add(cp, 0);
                }
                i += Character.charCount(cp);
            }
        }
        if (modified) {
            text.transform(edits.codePoints, edits.changes, edits.count, 0);
        }
    }

    private static byte[] utf8(String s) {
        byte[] out = new byte[s.length() * 3];
        byte[] one = new byte[4];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int k = Utf8.encode(cp, one);
            System.arraycopy(one, 0, out, n, k);
            n += k;
            i += Character.charCount(cp);
        }
        return Arrays.copyOf(out, n);
    }

    /** The edit list of {@link NormalizedString#transform}, built as HF's {@code replace} helper builds it. */
    private static final class Edits {
        int[] codePoints;
        int[] changes;
        int count;

        Edits(int capacity) {
            codePoints = new int[capacity];
            changes = new int[capacity];
        }

        void add(int cp, int change) {
            if (count == codePoints.length) {
                codePoints = Arrays.copyOf(codePoints, count * 2);
                changes = Arrays.copyOf(changes, count * 2);
            }
            codePoints[count] = cp;
            changes[count++] = change;
        }

        /**
         * {@code oldCount} code points become {@code replacement}: its code points replace (change 0); when
         * it is longer, the last extra ones are insertions (1); when shorter, the last edit so far (which
         * may belong to an earlier character if the replacement is empty) removes the difference.
         */
        void replace(int oldCount, String replacement) {
            replacement.codePoints().forEach(cp -> add(cp, 0));
            int diff = (int) replacement.codePoints().count() - oldCount;
            if (diff > 0) {
                for (int k = count - 1; k >= count - diff; k--) {
                    changes[k] = 1;
                }
            } else if (diff < 0 && count > 0) {
                changes[count - 1] += diff;
            }
        }
    }
}
