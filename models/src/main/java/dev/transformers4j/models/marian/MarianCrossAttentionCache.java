package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.KeyValues;
import java.util.List;

/**
 * The encoder-decoder attention's keys and values for every decoder layer, projected once from the encoder
 * output (HF's cross-attention {@code past_key_values}): they depend only on the source, so every decoding
 * step reuses them. Carries the source padding mask they are attended with.
 *
 * @param layers     per decoder layer, keys and values {@code [B, H, S, D]}
 * @param sourceMask additive source padding mask {@code [B, 1, 1, S]}
 */
public record MarianCrossAttentionCache(List<KeyValues> layers, Tensor sourceMask) {

    public MarianCrossAttentionCache {
        layers = List.copyOf(layers);
    }

    /** The number of source positions S. */
    public int sourceLength() {
        return sourceMask.size(3);
    }
}
