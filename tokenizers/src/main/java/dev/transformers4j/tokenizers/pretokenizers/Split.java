package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HF's {@code Split} pre-tokenizer: cuts on the matches of a pattern (a literal string or a regex),
 * the matches treated as {@code behavior} says; with {@code invert}, the matches are the pieces and
 * the text between them is the delimiter.
 *
 * <p>Regexes are compiled by {@link java.util.regex} with {@link Pattern#UNICODE_CHARACTER_CLASS}
 * ({@code \s}, {@code \w}, {@code \d} Unicode-aware, as in Oniguruma). Patterns using syntax the two
 * engines read differently (Oniguruma's {@code \h} is a hex digit, Java's a horizontal space) are not
 * translated.
 */
public record Split(Pattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {

    /** A literal delimiter (HF's {@code {"String": ...}} pattern). */
    public static Split onString(String delimiter, SplitBehavior behavior, boolean invert) {
        return new Split(Pattern.compile(Pattern.quote(delimiter)), behavior, invert);
    }

    /** A regex (HF's {@code {"Regex": ...}} pattern). */
    public static Split onRegex(String regex, SplitBehavior behavior, boolean invert) {
        return new Split(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS), behavior, invert);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.splitNormalized(s -> {
            List<Match> matches = Match.ofRegex(s.get(), pattern);
            return s.split(invert ? Match.invert(matches) : matches, behavior);
        });
    }
}
