package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.NormalizedString;
import java.util.List;

/** HF's normalizer {@code Sequence}: applies each normalizer in order. */
public record NormalizerSequence(List<Normalizer> normalizers) implements Normalizer {
    public NormalizerSequence {
        normalizers = List.copyOf(normalizers);
    }

    @Override
    public void normalize(NormalizedString text) {
        for (Normalizer normalizer : normalizers) {
            normalizer.normalize(text);
        }
    }
}
