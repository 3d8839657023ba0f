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

/**
 * One encoder layer, §3.1: self-attention, then the position-wise feed-forward network of Eq. 2
 * ({@code FFN(x) = act(x·W_1 + b_1)·W_2 + b_2}, {@code fc1} and {@code fc2}), each wrapped post-LN as in the
 * paper: {@code LayerNorm(x + Dropout(Sublayer(x)))}.
 */
public final class MarianEncoderLayer extends Module {

    final MarianAttention selfAttn;
    final LayerNorm selfAttnLayerNorm;
    final Linear fc1;
    final Linear fc2;
    final LayerNorm finalLayerNorm;
    final Dropout dropout;
    final Dropout activationDropout;
    private final Activation act;

    public MarianEncoderLayer(MarianConfig config, int layerIdx) {
        int c = config.dModel();
        selfAttn = child("self_attn", new MarianAttention(c, config.encoderAttentionHeads(),
                config.attentionDropout(), layerIdx));
        selfAttnLayerNorm = child("self_attn_layer_norm", new LayerNorm(c, MarianConfig.LAYER_NORM_EPS));
        fc1 = child("fc1", new Linear(c, config.encoderFfnDim()));
        fc2 = child("fc2", new Linear(config.encoderFfnDim(), c));
        finalLayerNorm = child("final_layer_norm", new LayerNorm(c, MarianConfig.LAYER_NORM_EPS));
        dropout = child("dropout", new Dropout(config.dropout()));
        activationDropout = child("activation_dropout", new Dropout(config.activationDropout()));
        act = config.activation();
    }

    /** {@code [B, S, C] → [B, S, C]}, with the self-attention probabilities {@code [B, H, S, S]}. */
    public LayerOutput forward(Tensor x, Tensor mask) {
        ForwardCall call = enter(x, mask);
        Attention.Result a = selfAttn.forward(x, mask, null);
        x = selfAttnLayerNorm.forward(x.add(dropout.forward(a.context())));      // x = LN(x + SelfAttn(x))
        x = finalLayerNorm.forward(x.add(dropout.forward(feedForward(x))));      // x = LN(x + FFN(x))
        return call.exit(new LayerOutput(x, a.probs()));
    }

    /** Eq. 2: {@code [B, S, C] → [B, S, F] → [B, S, C]}. */
    Tensor feedForward(Tensor x) {
        return fc2.forward(activationDropout.forward(act.apply(fc1, x)));
    }
}
