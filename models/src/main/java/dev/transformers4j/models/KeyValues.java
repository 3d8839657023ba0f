package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;

/**
 * The keys and values of one attention layer, {@code [B, H, S, D]} each: what {@link KVCache#append} returns for
 * the cached and new positions, and what encoder-decoder attention reads from the encoder output.
 */
public record KeyValues(Tensor keys, Tensor values) {
}
