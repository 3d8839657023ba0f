package dev.transformers4j.tokenizers.text;

/**
 * The character classes HF tokenizers (Rust) uses, expressed over Java code points.
 *
 * <p>HF relies on Rust's {@code char::is_whitespace} (the Unicode {@code White_Space} property) and on
 * the {@code unicode_categories} crate (Unicode 8.0) for general categories. Java's
 * {@link Character#isWhitespace} is a different set (it excludes no-break spaces and includes
 * U+001C..U+001F), so the whitespace list is spelled out here; the categories come from
 * {@link HfCategories}, not from the newer {@link Character#getType}.
 */
public final class CharClasses {
    private static final HfCategories CONTROL = HfCategories.get("control");
    private static final HfCategories MARK_NONSPACING = HfCategories.get("mark_nonspacing");
    private static final HfCategories PUNCTUATION = HfCategories.get("punctuation");
    private static final HfCategories NOT_REORDERED = HfCategories.get("not_reordered");

    private CharClasses() {
    }

    /** Rust {@code char::is_whitespace}: the Unicode {@code White_Space} property. */
    public static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** HF {@code BertNormalizer} whitespace: tab, newline, carriage return, or {@link #isWhitespace}. */
    public static boolean isBertWhitespace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || isWhitespace(cp);
    }

    /**
     * HF {@code BertNormalizer} control characters (removed by {@code clean_text}): NUL, U+FFFD and the
     * "Other" categories Cc, Cf, Co of Unicode 8.0 except tab, LF and CR. Unassigned code points are
     * kept, as HF does.
     */
    public static boolean isBertControl(int cp) {
        return cp != '\t' && cp != '\n' && cp != '\r' && CONTROL.contains(cp);
    }

    /** Nonspacing marks (Mn) of Unicode 8.0, as HF's accent stripping removes them after NFD. */
    public static boolean isMarkNonspacing(int cp) {
        return MARK_NONSPACING.contains(cp);
    }

    /** A combining mark that HF's normalization tables (older than Java's) give combining class 0. */
    public static boolean isNotReorderedByHf(int cp) {
        return NOT_REORDERED.contains(cp);
    }

    /** HF {@code BertPreTokenizer} punctuation: ASCII punctuation or a Unicode 8.0 P* category. */
    public static boolean isBertPunctuation(int cp) {
        return PUNCTUATION.contains(cp);
    }

    /**
     * HF {@code is_chinese_char}: the CJK Unified Ideograph blocks as listed in HF's
     * {@code normalizers/bert.rs}, including its {@code 0x2B920..=0x2CEAF} range (sic).
     */
    public static boolean isChineseChar(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /**
     * Rust {@code char::to_lowercase}: the full (unconditional) lowercase mapping of one code point.
     * It differs from {@link Character#toLowerCase(int)} only for U+0130 (İ → i + U+0307); unlike
     * {@link String#toLowerCase} it has no final-sigma rule.
     */
    public static int[] toLowercase(int cp) {
        if (cp == 0x130) {
            return new int[] {'i', 0x307};
        }
        return new int[] {Character.toLowerCase(cp)};
    }
}
