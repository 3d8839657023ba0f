package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.CharClasses;
import dev.transformers4j.tokenizers.text.NormalizedString;

/** HF's {@code StripAccents} (and BERT's accent stripping): NFD, then remove nonspacing marks (Mn). */
public enum StripAccents implements Normalizer {
    INSTANCE;

    @Override
    public void normalize(NormalizedString text) {
        text.decompose(java.text.Normalizer.Form.NFD);
        if (text.get().codePoints().anyMatch(CharClasses::isMarkNonspacing)) {
            text.filter(cp -> !CharClasses.isMarkNonspacing(cp));
        }
    }
}
