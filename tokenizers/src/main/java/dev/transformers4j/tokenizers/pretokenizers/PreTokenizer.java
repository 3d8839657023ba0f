package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.PreTokenizedString;

/** Second pipeline step: cuts the normalized text into words (HF's {@code PreTokenizer}). */
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);
}
