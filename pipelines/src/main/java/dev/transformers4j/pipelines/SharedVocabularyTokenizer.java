package dev.transformers4j.pipelines;

import dev.transformers4j.tokenizers.Tokenizer;
import java.util.Arrays;

/**
 * A {@link TranslationTokenizer} over one {@code tokenizer.json} shared by source and target. The source is encoded
 * with the tokenizer's special tokens (its post-processor, e.g. {@code $A </s>}); if the ids then do not end with
 * {@code eos_token_id}, it is appended, as Marian's tokenizer always does. The tokenizer's own padding and truncation
 * are turned off: the pipeline pads batches and checks lengths itself.
 */
public final class SharedVocabularyTokenizer implements TranslationTokenizer {

    private final Tokenizer tokenizer;
    private final int eosTokenId;

    public SharedVocabularyTokenizer(Tokenizer tokenizer, int eosTokenId) {
        this.tokenizer = tokenizer.withPadding(null).withTruncation(null);
        this.eosTokenId = eosTokenId;
    }

    @Override
    public int[] encodeSource(String text) {
        int[] ids = tokenizer.encode(text, true).ids();
        if (ids.length > 0 && ids[ids.length - 1] == eosTokenId) {
            return ids;
        }
        int[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = eosTokenId;
        return withEos;
    }

    @Override
    public String decode(int[] targetIds) {
        return tokenizer.decode(targetIds, true);
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }
}
