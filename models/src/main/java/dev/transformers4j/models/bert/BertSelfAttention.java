package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;

/**
 * Multi-head self-attention, §3.2.2: {@code MultiHead(Q,K,V) = Concat(head_1..head_h)·W^O} with
 * {@code head_i = Attention(Q·W_i^Q, K·W_i^K, V·W_i^V)}. All heads' projections live in one
 * {@code [C, C]} matrix each ({@code query}, {@code key}, {@code value}); the output projection W^O is
 * {@link BertSelfOutput}'s {@code dense}.
 */
public final class BertSelfAttention extends Module {

    final Linear query;
    final Linear key;
    final Linear value;
    final Dropout dropout;
    private final int heads;

    public BertSelfAttention(BertConfig config) {
        int c = config.hiddenSize();
        heads = config.numAttentionHeads();
        query = child("query", new Linear(c, c));
        key = child("key", new Linear(c, c));
        value = child("value", new Linear(c, c));
        dropout = child("dropout", new Dropout(config.attentionProbsDropoutProb()));
    }

    /**
     * @param x    {@code [B, T, C]}
     * @param mask additive padding mask {@code [B, 1, 1, T]}
     * @return the heads' outputs concatenated {@code [B, T, C]} and the probabilities {@code [B, H, T, T]} (null
     *         when nothing asked for them: {@link Attention#attend})
     */
    public Attention.Result forward(Tensor x, Tensor mask) {
        ForwardCall call = enter(x, mask);
        Tensor q = Attention.splitHeads(query.forward(x), heads);    // [B, H, T, D]
        Tensor k = Attention.splitHeads(key.forward(x), heads);      // [B, H, T, D]
        Tensor v = Attention.splitHeads(value.forward(x), heads);    // [B, H, T, D]
        Attention.Result r = Attention.attend(this, q, k, v, mask, dropout);
        return call.exit(new Attention.Result(Attention.mergeHeads(r.context()), r.probs()));   // [B, T, C]
    }
}
