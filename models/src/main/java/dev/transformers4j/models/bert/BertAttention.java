package dev.transformers4j.models.bert;

import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.Tensor;

/** The attention sub-layer: self-attention, then output projection + residual + LayerNorm. */
public final class BertAttention extends Module {

    final BertSelfAttention self;
    final BertSelfOutput output;

    public BertAttention(BertConfig config) {
        self = child("self", new BertSelfAttention(config));
        output = child("output", new BertSelfOutput(config));
    }

    /** {@code [B, T, C] → [B, T, C]}, with the attention probabilities {@code [B, H, T, T]}. */
    public Attention.Result forward(Tensor x, Tensor mask) {
        ForwardCall call = enter(x, mask);
        Attention.Result a = self.forward(x, mask);
        return call.exit(new Attention.Result(output.forward(a.context(), x), a.probs()));
    }
}
