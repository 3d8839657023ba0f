package dev.transformers4j.train;

import dev.transformers4j.models.TokenBatch;

/**
 * A padded batch of sequences with labels, as HF passes {@code input_ids}, {@code attention_mask} and
 * {@code labels}: one class index per sequence ({@code [B]}) for sequence classification, one token per
 * position ({@code [B, T]}, -100 where nothing is predicted) for language models.
 */
public record Batch(TokenBatch input, int[] labels) {

    /** The number of real (unpadded) tokens. */
    public long tokens() {
        long n = 0;
        for (int m : input.attentionMask()) {
            n += m;
        }
        return n;
    }
}
