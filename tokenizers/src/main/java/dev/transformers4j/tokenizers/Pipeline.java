package dev.transformers4j.tokenizers;

import dev.transformers4j.tokenizers.added.AddedVocabulary;
import dev.transformers4j.tokenizers.decoders.Decoder;
import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.processors.PostProcessor;

/**
 * The components of a tokenizer, in the order HF runs them: added tokens are cut out of the raw text,
 * then normalizer → pre-tokenizer → model → post-processor; the decoder goes the other way.
 *
 * @param normalizer    may be {@code null} (no normalization)
 * @param preTokenizer  may be {@code null} (the whole text is one word)
 * @param postProcessor {@link PostProcessor#NONE} when the file has none
 * @param decoder       may be {@code null} (tokens joined with spaces)
 */
public record Pipeline(AddedVocabulary addedVocabulary, Normalizer normalizer, PreTokenizer preTokenizer, Model model,
        PostProcessor postProcessor, Decoder decoder) {
    public Pipeline {
        if (addedVocabulary == null || model == null || postProcessor == null) {
            throw new IllegalArgumentException("Pipeline: added vocabulary, model and post-processor are required");
        }
    }
}
