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
import dev.transformers4j.models.TokenBatch;

/**
 * The encoder stack, §3.1: {@code Dropout(embed_tokens(x)·√C + PE)} (§3.4, §3.5), then N {@code layers}.
 * Post-LN layers end in a LayerNorm, so there is no final one. {@code embed_tokens} is the model's shared
 * embedding ({@code model.shared}); it is held here, not registered, so the checkpoint names it once.
 */
public final class MarianEncoder extends Module {

    final Embedding embedTokens;
    final MarianSinusoidalPositionalEmbedding embedPositions;
    final Dropout dropout;
    final ModuleList<MarianEncoderLayer> layers;
    private final float embedScale;

    public MarianEncoder(MarianConfig config, Embedding sharedTokens) {
        embedTokens = sharedTokens;
        embedScale = config.scaleEmbedding() ? (float) Math.sqrt(config.dModel()) : 1f;
        embedPositions = child("embed_positions",
                new MarianSinusoidalPositionalEmbedding(config.maxPositionEmbeddings(), config.dModel()));
        dropout = child("dropout", new Dropout(config.dropout()));
        layers = child("layers", new ModuleList<>());
        for (int i = 0; i < config.encoderLayers(); i++) {
            layers.add(new MarianEncoderLayer(config, i));
        }
    }

    /**
     * @param src right-padded source ids {@code [B, S]} with their padding mask
     * @return the last hidden state {@code [B, S, C]}; when asked, the embeddings and every layer's output
     *         (N + 1 tensors) and every layer's self-attention {@code [B, H, S, S]}
     */
    public LayerStack.Output forward(TokenBatch src, ForwardOptions options) {
        ForwardCall call = enter(src, options);
        int b = src.batch();
        int s = src.length();
        Tensor mask = AttentionMask.padding(src.attentionMask(), b, s);                       // [B, 1, 1, S]
        Tensor tokens = embedTokens.forward(src.ids(), b, s).mul(embedScale);                 // [B, S, C]
        Tensor x = dropout.forward(tokens.add(embedPositions.forward(0, s)));                 // [B, S, C]
        return call.exit(LayerStack.run(layers, x, (layer, i, h) -> layer.forward(h, mask), options));
    }
}
