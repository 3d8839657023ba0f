package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.CharClasses;
import dev.transformers4j.tokenizers.text.NormalizedString;

/**
 * HF's {@code Strip} normalizer: removes leading and/or trailing whitespace (Rust's
 * {@code char::is_whitespace}, the Unicode White_Space property); the characters kept keep their
 * alignments. SentencePiece conversions strip the right side only.
 */
public record Strip(boolean left, boolean right) implements Normalizer {

    @Override
    public void normalize(NormalizedString text) {
        int[] cps = text.get().codePoints().toArray();
        int leading = 0;
        while (left && leading < cps.length && CharClasses.isWhitespace(cps[leading])) {
            leading++;
        }
        int trailing = 0;
        while (right && trailing < cps.length - leading && CharClasses.isWhitespace(cps[cps.length - 1 - trailing])) {
            trailing++;
        }
        if (leading == 0 && trailing == 0) {
            return;
        }
        int kept = cps.length - leading - trailing;
        int[] codePoints = new int[kept];
        System.arraycopy(cps, leading, codePoints, 0, kept);
        text.transform(codePoints, new int[kept], kept, leading);
    }
}
