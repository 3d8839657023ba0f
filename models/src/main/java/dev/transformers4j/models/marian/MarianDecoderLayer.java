package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.LayerOutput;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.KeyValues;

/**
 * One decoder layer, §3.1: masked self-attention (§3.2.3, a position attends only to earlier ones),
 * encoder-decoder attention over the encoder output, and the feed-forward network of Eq. 2, each wrapped
 * post-LN as in the paper: {@code LayerNorm(x + Dropout(Sublayer(x)))}.
 */
public final class MarianDecoderLayer extends Module {

    final MarianAttention selfAttn;
    final LayerNorm selfAttnLayerNorm;
    final MarianAttention encoderAttn;
    final LayerNorm encoderAttnLayerNorm;
    final Linear fc1;
    final Linear fc2;
    final LayerNorm finalLayerNorm;
    final Dropout dropout;
    final Dropout activationDropout;
    private final Activation act;

    public MarianDecoderLayer(MarianConfig config, int layerIdx) {
        int c = config.dModel();
        int h = config.decoderAttentionHeads();
        selfAttn = child("self_attn", new MarianAttention(c, h, config.attentionDropout(), layerIdx));
        selfAttnLayerNorm = child("self_attn_layer_norm", new LayerNorm(c, MarianConfig.LAYER_NORM_EPS));
        encoderAttn = child("encoder_attn", new MarianAttention(c, h, config.attentionDropout(), layerIdx));
        encoderAttnLayerNorm = child("encoder_attn_layer_norm", new LayerNorm(c, MarianConfig.LAYER_NORM_EPS));
        fc1 = child("fc1", new Linear(c, config.decoderFfnDim()));
        fc2 = child("fc2", new Linear(config.decoderFfnDim(), c));
        finalLayerNorm = child("final_layer_norm", new LayerNorm(c, MarianConfig.LAYER_NORM_EPS));
        dropout = child("dropout", new Dropout(config.dropout()));
        activationDropout = child("activation_dropout", new Dropout(config.activationDropout()));
        act = config.activation();
    }

    /**
     * @param x          {@code [B, T, C]}
     * @param causalMask causal + padding mask {@code [B, 1, T, P + T]}
     * @param encoder    this layer's encoder keys/values {@code [B, H, S, D]} ({@link MarianCrossAttentionCache})
     * @param sourceMask source padding mask {@code [B, 1, 1, S]}
     * @param cache      the decoder's self-attention cache, or null
     * @return the layer output {@code [B, T, C]} with its self- {@code [B, H, T, P + T]} and cross-attention
     *         {@code [B, H, T, S]}
     */
    public LayerOutput forward(Tensor x, Tensor causalMask, KeyValues encoder, Tensor sourceMask,
                               KVCache cache) {
        ForwardCall call = enter(x, causalMask, encoder, sourceMask, cache);
        Attention.Result s = selfAttn.forward(x, causalMask, cache);
        x = selfAttnLayerNorm.forward(x.add(dropout.forward(s.context())));           // LN(x + SelfAttn(x))
        Attention.Result c = encoderAttn.forward(x, encoder, sourceMask);
        x = encoderAttnLayerNorm.forward(x.add(dropout.forward(c.context())));        // LN(x + CrossAttn(x, enc))
        x = finalLayerNorm.forward(x.add(dropout.forward(feedForward(x))));           // LN(x + FFN(x))
        return call.exit(new LayerOutput(x, s.probs(), c.probs()));
    }

    /** Eq. 2: {@code [B, T, C] → [B, T, F] → [B, T, C]}. */
    Tensor feedForward(Tensor x) {
        return fc2.forward(activationDropout.forward(act.apply(fc1, x)));
    }
}
