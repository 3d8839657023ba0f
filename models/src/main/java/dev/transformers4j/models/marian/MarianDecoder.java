package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Embedding;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerStack;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.ModuleList;
import dev.transformers4j.models.AttentionMask;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.KeyValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder stack, §3.1: {@code Dropout(embed_tokens(y)·√C + PE)}, then N {@code layers}, each attending
 * causally to the target so far and to the encoder output. {@code embed_tokens} is the shared embedding (held,
 * not registered). Target positions count from 0 at the decoder start token.
 */
public final class MarianDecoder extends Module {

    final MarianConfig config;
    final Embedding embedTokens;
    final MarianSinusoidalPositionalEmbedding embedPositions;
    final Dropout dropout;
    final ModuleList<MarianDecoderLayer> layers;
    private final float embedScale;

    public MarianDecoder(MarianConfig config, Embedding sharedTokens) {
        this.config = config;
        embedTokens = sharedTokens;
        embedScale = config.scaleEmbedding() ? (float) Math.sqrt(config.dModel()) : 1f;
        embedPositions = child("embed_positions",
                new MarianSinusoidalPositionalEmbedding(config.maxPositionEmbeddings(), config.dModel()));
        dropout = child("dropout", new Dropout(config.dropout()));
        layers = child("layers", new ModuleList<>());
        for (int i = 0; i < config.decoderLayers(); i++) {
            layers.add(new MarianDecoderLayer(config, i));
        }
    }

    /** Projects the encoder output {@code [B, S, C]} into every layer's cross-attention keys and values, once. */
    public MarianCrossAttentionCache crossAttentionCache(Tensor encoderHidden, Tensor sourceMask) {
        List<KeyValues> kv = new ArrayList<>();
        for (MarianDecoderLayer layer : layers) {
            kv.add(layer.encoderAttn.project(encoderHidden));                  // [B, H, S, D] each
        }
        return new MarianCrossAttentionCache(kv, sourceMask);
    }

    /**
     * Runs the T new target tokens after the P cached ones.
     *
     * @param ids        {@code [B, T]}
     * @param targetMask {@code [B, P + T]} 0/1 target padding mask, or null for none (HF Marian's default)
     * @param encoder    the encoder keys/values and source mask
     * @param cache      the self-attention cache (appended to and advanced), or null for a plain pass (P = 0)
     * @return the last hidden state {@code [B, T, C]} and, when asked, the per-layer lists HF returns
     */
    public LayerStack.Output forward(int[] ids, int b, int t, int[] targetMask, MarianCrossAttentionCache encoder,
                                     KVCache cache, ForwardOptions options) {
        ForwardCall call = enter(ids, b, t, targetMask, encoder, cache, options);
        int past = cache == null ? 0 : cache.length();
        int[] mask = targetMask != null ? targetMask : ones(b * (past + t));
        Tensor causal = AttentionMask.causal(mask, b, t);                                     // [B, 1, T, P + T]
        Tensor tokens = embedTokens.forward(ids, b, t).mul(embedScale);                       // [B, T, C]
        Tensor x = dropout.forward(tokens.add(embedPositions.forward(past, t)));              // [B, T, C]
        LayerStack.Output r = LayerStack.run(layers, x, (layer, i, h) -> layer.forward(h, causal,
                encoder.layers().get(i), encoder.sourceMask(), cache), options);
        if (cache != null) {
            cache.advance(t);
        }
        return call.exit(r);
    }

    /** A self-attention cache for up to {@code capacity} target positions of {@code batch} sequences. */
    public KVCache newCache(int batch, int capacity) {
        return new KVCache(config.decoderLayers(), batch, config.decoderAttentionHeads(), capacity,
                config.decoderHeadSize());
    }

    private static int[] ones(int n) {
        int[] m = new int[n];
        java.util.Arrays.fill(m, 1);
        return m;
    }
}
