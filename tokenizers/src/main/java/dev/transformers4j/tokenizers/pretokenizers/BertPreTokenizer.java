package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.CharClasses;
import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;

/**
 * HF's {@code BertPreTokenizer}: split on whitespace (removed), then isolate every punctuation
 * character (ASCII punctuation or a Unicode P* category) as its own word.
 */
public enum BertPreTokenizer implements PreTokenizer {
    INSTANCE;

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.splitNormalized(s -> s.split(Match.ofChars(s.get(), CharClasses::isWhitespace), SplitBehavior.REMOVED));
        text.splitNormalized(
                s -> s.split(Match.ofChars(s.get(), CharClasses::isBertPunctuation), SplitBehavior.ISOLATED));
    }
}
