package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;
import java.util.regex.Pattern;

/** HF's {@code Whitespace}: keeps the runs matching {@code \w+|[^\w\s]+}, drops what lies between. */
public enum Whitespace implements PreTokenizer {
    INSTANCE;

    private static final Pattern WORDS = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.splitNormalized(s -> s.split(Match.invert(Match.ofRegex(s.get(), WORDS)), SplitBehavior.REMOVED));
    }
}
