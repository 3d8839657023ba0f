package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.NormalizedString;
import java.util.regex.Pattern;

/**
 * HF's {@code Replace} normalizer: every match of {@code pattern} (a literal string or a regex) becomes
 * {@code content}; the new characters take the alignment of the last character of the match, as HF's
 * {@code NormalizedString::replace} gives them. SentencePiece conversions use it to turn runs of two or
 * more spaces into one {@code ▁}.
 */
public record Replace(Pattern pattern, String content) implements Normalizer {

    /** A literal pattern (HF's {@code {"String": ...}}). */
    public static Replace onString(String literal, String content) {
        return new Replace(Pattern.compile(Pattern.quote(literal)), content);
    }

    /** A regex (HF's {@code {"Regex": ...}}), compiled with Unicode character classes. */
    public static Replace onRegex(String regex, String content) {
        return new Replace(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS), content);
    }

    @Override
    public void normalize(NormalizedString text) {
        text.replace(Match.ofRegex(text.get(), pattern), content);
    }
}
