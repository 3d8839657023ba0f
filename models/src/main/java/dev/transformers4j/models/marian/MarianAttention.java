package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.KeyValues;

/**
 * Multi-head attention, §3.2.2: {@code MultiHead(Q, K, V) = Concat(head_1, …, head_h)·W^O} with
 * {@code head_i = Attention(Q·W_i^Q, K·W_i^K, V·W_i^V)}. {@code q_proj}, {@code k_proj}, {@code v_proj} hold the
 * W^Q, W^K, W^V of all heads side by side and {@code out_proj} is W^O; all four have biases. The same class is
 * self-attention (queries, keys and values from one sequence) and encoder-decoder attention (§3.2.3: queries
 * from the decoder, keys and values from the encoder output).
 */
public final class MarianAttention extends Module {

    final Linear qProj;
    final Linear kProj;
    final Linear vProj;
    final Linear outProj;
    final Dropout dropout;
    private final int heads;
    private final int layerIdx;

    public MarianAttention(int width, int heads, double attentionDropout, int layerIdx) {
        this.heads = heads;
        this.layerIdx = layerIdx;
        kProj = child("k_proj", new Linear(width, width));
        vProj = child("v_proj", new Linear(width, width));
        qProj = child("q_proj", new Linear(width, width));
        outProj = child("out_proj", new Linear(width, width));
        dropout = child("dropout", new Dropout(attentionDropout));
    }

    /**
     * Self-attention over {@code x}.
     *
     * @param x     {@code [B, T, C]}
     * @param mask  additive mask broadcastable to {@code [B, H, T, P + T]}
     * @param cache the keys/values of the P earlier positions (appended to), or null
     */
    public Attention.Result forward(Tensor x, Tensor mask, KVCache cache) {
        ForwardCall call = enter(x, mask, cache);
        KeyValues kv = project(x);                                          // [B, H, T, D] each
        if (cache != null) {
            kv = cache.append(layerIdx, kv.keys(), kv.values());            // [B, H, P + T, D]
        }
        return call.exit(attend(x, kv, mask));
    }

    /**
     * Encoder-decoder attention: queries from {@code x}, keys and values already projected from the encoder
     * output by {@link #project} (computed once per source, reused at every decoding step).
     *
     * @param x       decoder states {@code [B, T, C]}
     * @param encoder the encoder's keys and values {@code [B, H, S, D]}
     * @param mask    the source padding mask {@code [B, 1, 1, S]}
     */
    public Attention.Result forward(Tensor x, KeyValues encoder, Tensor mask) {
        return enter(x, encoder, mask).exit(attend(x, encoder, mask));
    }

    /** {@code K = x·W^K}, {@code V = x·W^V}, split into heads: {@code [B, S, C] → [B, H, S, D]} each. */
    public KeyValues project(Tensor x) {
        return new KeyValues(Attention.splitHeads(kProj.forward(x), heads),
                Attention.splitHeads(vProj.forward(x), heads));
    }

    private Attention.Result attend(Tensor x, KeyValues kv, Tensor mask) {
        Tensor q = Attention.splitHeads(qProj.forward(x), heads);                              // [B, H, T, D]
        Attention.Result r = Attention.attend(this, q, kv.keys(), kv.values(), mask, dropout);
        Tensor out = outProj.forward(Attention.mergeHeads(r.context()));                        // [B, T, C]
        return new Attention.Result(out, r.probs());
    }
}
