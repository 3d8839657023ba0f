package dev.transformers4j.tokenizers.pretokenizers;

import dev.transformers4j.tokenizers.text.PreTokenizedString;
import java.util.List;

/** HF's pre-tokenizer {@code Sequence}: applies each pre-tokenizer in order. */
public record PreTokenizerSequence(List<PreTokenizer> preTokenizers) implements PreTokenizer {
    public PreTokenizerSequence {
        preTokenizers = List.copyOf(preTokenizers);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        for (PreTokenizer preTokenizer : preTokenizers) {
            preTokenizer.preTokenize(text);
        }
    }
}
