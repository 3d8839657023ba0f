package dev.transformers4j.models.gpt2;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.LayerOutput;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.KVCache;

/**
 * One decoder block. <b>Deviation from the paper:</b> GPT-2 normalises <i>before</i> each sub-layer
 * (pre-LN, {@code x + Sublayer(LayerNorm(x))}) where §3.1 normalises after the residual sum
 * ({@code LayerNorm(x + Sublayer(x))}); it has no cross-attention.
 */
public final class GPT2Block extends Module {

    final LayerNorm ln1;
    final GPT2Attention attn;
    final LayerNorm ln2;
    final GPT2MLP mlp;

    public GPT2Block(GPT2Config config, int layerIdx) {
        ln1 = child("ln_1", new LayerNorm(config.nEmbd(), config.layerNormEpsilon()));
        attn = child("attn", new GPT2Attention(config, layerIdx));
        ln2 = child("ln_2", new LayerNorm(config.nEmbd(), config.layerNormEpsilon()));
        mlp = child("mlp", new GPT2MLP(config));
    }

    /** {@code [B, T, C] → [B, T, C]}, with the attention probabilities {@code [B, H, T, P + T]}. */
    public LayerOutput forward(Tensor x, Tensor mask, KVCache cache) {
        ForwardCall call = enter(x, mask, cache);
        Attention.Result a = attn.forward(ln1.forward(x), mask, cache);
        x = x.add(a.context());                         // x = x + attn(ln_1(x))
        x = x.add(mlp.forward(ln2.forward(x)));         // x = x + mlp(ln_2(x))
        return call.exit(new LayerOutput(x, a.probs()));
    }
}
