package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerOutput;
import dev.transformers4j.core.nn.Module;

/** One encoder layer (§3.1): a self-attention sub-layer, then a feed-forward sub-layer, each post-LN. */
public final class BertLayer extends Module {

    final BertAttention attention;
    final BertIntermediate intermediate;
    final BertOutput output;

    public BertLayer(BertConfig config) {
        attention = child("attention", new BertAttention(config));
        intermediate = child("intermediate", new BertIntermediate(config));
        output = child("output", new BertOutput(config));
    }

    /** {@code [B, T, C] → [B, T, C]}, with this layer's attention probabilities {@code [B, H, T, T]}. */
    public LayerOutput forward(Tensor x, Tensor mask) {
        ForwardCall call = enter(x, mask);
        Attention.Result a = attention.forward(x, mask);                   // LayerNorm(x + MultiHead(x))
        Tensor y = output.forward(intermediate.forward(a.context()), a.context());  // LayerNorm(a + FFN(a))
        return call.exit(new LayerOutput(y, a.probs()));
    }
}
