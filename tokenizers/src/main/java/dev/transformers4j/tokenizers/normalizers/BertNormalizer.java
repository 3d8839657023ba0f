package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.CharClasses;
import dev.transformers4j.tokenizers.text.NormalizedString;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's basic text cleaning (HF's {@code BertNormalizer}), in HF's order:
 * <ol>
 *   <li>{@code clean_text}: drop NUL, U+FFFD and control characters (any C* category except tab, LF,
 *       CR), then map every whitespace character to a space;</li>
 *   <li>{@code handle_chinese_chars}: put spaces around every CJK ideograph;</li>
 *   <li>{@code strip_accents} (when unset, follows {@code lowercase}): NFD, then drop Mn marks;</li>
 *   <li>{@code lowercase}.</li>
 * </ol>
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents,
        boolean lowercase) implements Normalizer {

    /** As the JSON: {@code stripAccents == null} means "same as {@code lowercase}". */
    public static BertNormalizer of(boolean cleanText, boolean handleChineseChars, Boolean stripAccents,
            boolean lowercase) {
        return new BertNormalizer(cleanText, handleChineseChars,
                stripAccents == null ? lowercase : stripAccents, lowercase);
    }

    @Override
    public void normalize(NormalizedString text) {
        if (cleanText) {
            text.filter(cp -> !(cp == 0 || cp == 0xFFFD || CharClasses.isBertControl(cp)));
            text.map(cp -> CharClasses.isBertWhitespace(cp) ? ' ' : cp);
        }
        if (handleChineseChars) {
            padChineseChars(text);
        }
        if (stripAccents) {
            StripAccents.INSTANCE.normalize(text);
        }
        if (lowercase) {
            text.lowercase();
        }
    }

    private static void padChineseChars(NormalizedString text) {
        String s = text.get();
        if (s.codePoints().noneMatch(CharClasses::isChineseChar)) {
            return;
        }
        List<NormalizedString.Edit> edits = new ArrayList<>(s.length() + 16);
        s.codePoints().forEach(cp -> {
            if (CharClasses.isChineseChar(cp)) {
                edits.add(new NormalizedString.Edit(' ', 1));
                edits.add(new NormalizedString.Edit(cp, 0));
                edits.add(new NormalizedString.Edit(' ', 1));
            } else {
                edits.add(new NormalizedString.Edit(cp, 0));
            }
        });
        text.transform(edits, 0);
    }
}
