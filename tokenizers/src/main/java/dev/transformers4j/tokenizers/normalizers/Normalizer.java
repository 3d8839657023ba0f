package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.NormalizedString;

/** First pipeline step: rewrites the text in place, keeping alignments (HF's {@code Normalizer}). */
public interface Normalizer {
    void normalize(NormalizedString text);
}
