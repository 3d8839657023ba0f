package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;

/**
 * A decoder-only language model as generation sees it: a cache, and the next-token logits of a step.
 */
public interface CausalLM {

    /** A cache for up to {@code capacity} positions of {@code batch} sequences, allocated once. */
    KVCache newCache(int batch, int capacity);

    /**
     * Runs the new tokens of {@code in} (attending to the cached ones, then caching them) and returns the
     * logits of each row's last position, {@code [B, V]}.
     */
    Tensor nextTokenLogits(DecoderInput in, KVCache cache);

    /** The most positions the model has embeddings for ({@code n_positions}). */
    int maxPositions();

    /** The vocabulary size V. */
    int vocabSize();
}
