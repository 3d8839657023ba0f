package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.CharClasses;
import dev.transformers4j.tokenizers.text.Match;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.SplitBehavior;

/** HF's {@code WhitespaceSplit}: split on Unicode whitespace, which is removed. */
public enum WhitespaceSplit implements PreTokenizer {
    INSTANCE;

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.splitNormalized(s -> s.split(Match.ofChars(s.get(), CharClasses::isWhitespace), SplitBehavior.REMOVED));
    }
}
