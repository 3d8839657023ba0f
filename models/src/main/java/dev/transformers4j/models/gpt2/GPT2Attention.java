package dev.transformers4j.models.gpt2;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Conv1D;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.KeyValues;

/**
 * Masked multi-head self-attention (§3.2.2–3.2.3): one {@code c_attn} projection gives Q, K and V side by
 * side ({@code [B, T, 3C]}), attention is causal, and {@code c_proj} is W^O. With a {@link KVCache} the
 * new keys and values are appended to the cached ones and only the new queries are computed.
 */
public final class GPT2Attention extends Module {

    final Conv1D cAttn;
    final Conv1D cProj;
    final Dropout attnDropout;
    final Dropout residDropout;
    private final int heads;
    private final int width;
    private final float scale;
    private final int layerIdx;

    public GPT2Attention(GPT2Config config, int layerIdx) {
        width = config.nEmbd();
        heads = config.nHead();
        this.layerIdx = layerIdx;
        cAttn = child("c_attn", new Conv1D(width, 3 * width));
        cProj = child("c_proj", new Conv1D(width, width));
        attnDropout = child("attn_dropout", new Dropout(config.attnPdrop()));
        residDropout = child("resid_dropout", new Dropout(config.residPdrop()));
        double s = config.scaleAttnWeights() ? 1.0 / Math.sqrt(config.headSize()) : 1.0;
        if (config.scaleAttnByInverseLayerIdx()) {
            s /= layerIdx + 1;
        }
        scale = (float) s;
    }

    /**
     * @param x     {@code [B, T, C]}
     * @param mask  additive causal + padding mask {@code [B, 1, T, P + T]}
     * @param cache the keys/values of the P earlier positions (appended to), or null when P = 0
     */
    public Attention.Result forward(Tensor x, Tensor mask, KVCache cache) {
        ForwardCall call = enter(x, mask, cache);
        Tensor qkv = cAttn.forward(x);                                            // [B, T, 3C]
        Tensor q = Attention.splitHeads(qkv.slice(2, 0, width), heads);           // [B, H, T, D]
        Tensor k = Attention.splitHeads(qkv.slice(2, width, 2 * width), heads);   // [B, H, T, D]
        Tensor v = Attention.splitHeads(qkv.slice(2, 2 * width, 3 * width), heads);
        if (cache != null) {
            KeyValues all = cache.append(layerIdx, k, v);                         // [B, H, P + T, D]
            k = all.keys();
            v = all.values();
        }
        Attention.Result r = Attention.attend(this, q, k, v, mask, scale, attnDropout);
        Tensor out = residDropout.forward(cProj.forward(Attention.mergeHeads(r.context())));   // [B, T, C]
        return call.exit(new Attention.Result(out, r.probs()));
    }
}
