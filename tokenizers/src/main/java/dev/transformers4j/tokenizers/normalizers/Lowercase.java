package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.NormalizedString;

/** HF's {@code Lowercase}: Rust's per-character full lowercase mapping. */
public enum Lowercase implements Normalizer {
    INSTANCE;

    @Override
    public void normalize(NormalizedString text) {
        text.lowercase();
    }
}
