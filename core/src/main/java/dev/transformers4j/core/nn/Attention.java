package dev.transformers4j.core.nn;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import java.util.function.Consumer;

/**
 * Scaled dot-product attention, §3.2.1 of <i>Attention Is All You Need</i>:
 * <pre>  Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V</pre>
 * This is the plain ("eager") form every model uses; the multi-head split and merge (§3.2.2) are
 * {@link #splitHeads} and {@link #mergeHeads}.
 */
public final class Attention {

    /** The attention output and the probabilities that produced it. */
    public record Result(Tensor context, Tensor probs) implements TensorContainer {

        @Override
        public void forEachTensor(Consumer<Tensor> action) {
            action.accept(context);
            action.accept(probs);
        }
    }

    private Attention() {
    }

    /**
     * @param q    queries {@code [B, H, T, D]}
     * @param k    keys {@code [B, H, S, D]}
     * @param v    values {@code [B, H, S, D]}
     * @param mask additive mask broadcastable to {@code [B, H, T, S]} (0 = attend, very negative = do not), or null
     * @return context {@code [B, H, T, D]} and probabilities {@code [B, H, T, S]}
     */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask) {
        return scaledDotProduct(q, k, v, mask, (Dropout) null);
    }

    /** As {@link #scaledDotProduct(Tensor, Tensor, Tensor, Tensor)}, with dropout on the probabilities (or null). */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask, Dropout dropout) {
        return scaledDotProduct(q, k, v, mask, (float) (1.0 / Math.sqrt(q.size(-1))), dropout);
    }

    /** As {@link #scaledDotProduct(Tensor, Tensor, Tensor, Tensor)} with another scale than {@code 1/√d_k}. */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask, float scale) {
        return scaledDotProduct(q, k, v, mask, scale, null);
    }

    /**
     * As {@link #scaledDotProduct(Tensor, Tensor, Tensor, Tensor, float)}, with dropout on the attention
     * probabilities (BERT's {@code attention_probs_dropout_prob}, GPT-2's {@code attn_pdrop}); the probabilities
     * returned are the ones multiplied with V.
     *
     * @param dropout applied to the probabilities in training mode, or null
     */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask, float scale, Dropout dropout) {
        Tensor scores = q.matmul(k.transpose(-2, -1));              // [B, H, T, S]
        Tensor probs = scaleMaskSoftmax(scores, scale, mask);       // [B, H, T, S]
        if (dropout != null) {
            probs = dropout.forward(probs);
        }
        Tensor context = probs.matmul(v);                           // [B, H, T, D]
        return new Result(context, probs);
    }

    /**
     * {@code softmax(scores · scale + mask)} over the last dimension, in one pass over fresh scores. The
     * scores are overwritten: the matmul that made them needs only its inputs for its backward. Backward,
     * with y the probabilities: {@code ∂L/∂scores = scale · y ⊙ (∂L/∂y − Σ_j ∂L/∂y_j·y_j)}; the mask is a
     * constant and gets no gradient.
     */
    static Tensor scaleMaskSoftmax(Tensor scores, float scale, Tensor mask) {
        float[] s = scores.data();                                  // fresh and contiguous: safe to overwrite
        int[] shape = scores.shape();
        int cols = shape[3];
        Backend.current().scale(s, 0, s.length, scale);
        if (mask != null) {
            addMask(s, shape, mask);
        }
        Backend.current().softmaxRows(s, 0, s.length / Math.max(cols, 1), cols);
        Tensor probs = Tensor.of(s, shape);
        return probs.derivedFrom("scaleMaskSoftmax", scores, g -> probs.softmaxBackward(g).mul(scale));
    }

    private static void addMask(float[] s, int[] shape, Tensor mask) {
        Shape.broadcast(mask.shape(), shape);                       // checks compatibility
        Tensor m = mask;
        while (m.rank() < 4) {
            m = m.unsqueeze(0);
        }
        int[] ms = m.shape();
        int[] st = m.strides();
        float[] md = m.data();
        int b = shape[0], h = shape[1], t = shape[2], n = shape[3];
        int p = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < h; j++) {
                for (int r = 0; r < t; r++) {
                    int base = m.offset() + (ms[0] == 1 ? 0 : i * st[0]) + (ms[1] == 1 ? 0 : j * st[1])
                            + (ms[2] == 1 ? 0 : r * st[2]);
                    int cs = ms[3] == 1 ? 0 : st[3];
                    for (int c = 0; c < n; c++, p++) {
                        s[p] += md[base + c * cs];
                    }
                }
            }
        }
    }

    /** {@code [B, T, H·D] → [B, H, T, D]} (a view). */
    public static Tensor splitHeads(Tensor x, int heads) {
        int b = x.size(0);
        int t = x.size(1);
        int c = x.size(2);
        return x.reshape(b, t, heads, c / heads).permute(0, 2, 1, 3);
    }

    /** {@code [B, H, T, D] → [B, T, H·D]}. */
    public static Tensor mergeHeads(Tensor x) {
        int b = x.size(0);
        int h = x.size(1);
        int t = x.size(2);
        int d = x.size(3);
        return x.permute(0, 2, 1, 3).reshape(b, t, h * d);
    }
}
