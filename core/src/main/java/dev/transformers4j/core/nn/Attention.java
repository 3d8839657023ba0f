package dev.transformers4j.core.nn;

import dev.transformers4j.core.AttentionOperands;
import dev.transformers4j.core.AttentionOperands.Strided;
import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import dev.transformers4j.core.Workspace;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.core.autograd.GradRule;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Scaled dot-product attention, §3.2.1 of <i>Attention Is All You Need</i>:
 * <pre>  Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V</pre>
 * {@link #scaledDotProduct} is the plain ("eager") form, the reference; the multi-head split and merge (§3.2.2) are
 * {@link #splitHeads} and {@link #mergeHeads}.
 *
 * <p>Models call {@link #attend}, which picks one of two implementations, as HF's {@code attn_implementation}
 * "eager" and "sdpa": the eager one materialises the probabilities {@code [B, H, T, S]}; the fused one
 * ({@link dev.transformers4j.core.Kernels#attention}, an online softmax over blocks of keys) never does and writes
 * the context straight into the merged-heads layout {@code [B, T, H·D]}. The fused one runs unless something needs
 * the probabilities: a gradient, active dropout, {@code output_attentions} (see {@link #keepProbabilities}), a
 * forward hook on the attention module or one of its ancestors, or the switch {@code -Dt4j.attention=eager}
 * (or {@link #use}).
 */
public final class Attention {

    /** The attention output and the probabilities that produced it (null when the fused implementation ran). */
    public record Result(Tensor context, Tensor probs) implements TensorContainer {

        @Override
        public void forEachTensor(Consumer<Tensor> action) {
            action.accept(context);
            if (probs != null) {
                action.accept(probs);
            }
        }
    }

    /** HF's {@code attn_implementation}: "eager" materialises the probabilities, "fused" (HF's "sdpa") does not. */
    public enum Implementation {
        EAGER, FUSED;

        /** {@code "eager"} or {@code "fused"} (any case; HF's {@code "sdpa"} means fused). */
        public static Implementation of(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "eager" -> EAGER;
                case "fused", "sdpa" -> FUSED;
                default -> throw new IllegalArgumentException("t4j.attention: expected eager or fused but was '"
                        + name + "'");
            };
        }
    }

    /** Undoes a thread's setting when closed (try-with-resources). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final GradRule NO_BACKWARD = g -> {
        throw new IllegalStateException("the fused attention has no backward: the eager path runs when a gradient"
                + " is needed");
    };
    /** Per thread: [0] the implementation chosen by {@link #use} (or null), [1] whether probabilities are kept. */
    private static final ThreadLocal<Object[]> THREAD = ThreadLocal.withInitial(() -> new Object[] {null, false});
    private static volatile Implementation configured;

    private Attention() {
    }

    /** What {@link #attend} uses on this thread: {@link #use}'s choice, else {@code t4j.attention}, else fused. */
    public static Implementation implementation() {
        Implementation chosen = (Implementation) THREAD.get()[0];
        if (chosen != null) {
            return chosen;
        }
        Implementation c = configured;
        if (c == null) {
            String p = System.getProperty("t4j.attention");
            configured = c = p == null || p.isBlank() ? Implementation.FUSED : Implementation.of(p);
        }
        return c;
    }

    /** Uses {@code implementation} on this thread until the returned scope is closed. */
    public static Scope use(Implementation implementation) {
        Object[] state = THREAD.get();
        Object previous = state[0];
        state[0] = java.util.Objects.requireNonNull(implementation, "implementation");
        return () -> state[0] = previous;
    }

    /**
     * While the returned scope is open, {@link #attend} on this thread keeps the probabilities when {@code on}
     * (what {@code output_attentions} asks for; {@link LayerStack} opens it). Nested scopes can only add.
     */
    public static Scope keepProbabilities(boolean on) {
        Object[] state = THREAD.get();
        Object previous = state[1];
        state[1] = on || (Boolean) previous;
        return () -> state[1] = previous;
    }

    /**
     * Multi-head attention for {@code module} (whose hooks, and its ancestors', may want the probabilities):
     * the fused implementation when nothing needs the probabilities, else {@link #scaledDotProduct}.
     *
     * @param q       queries {@code [B, H, T, D]} (a view of {@code [B, T, H·D]} is read in place)
     * @param k       keys {@code [B, H, S, D]}
     * @param v       values {@code [B, H, S, D]}
     * @param mask    additive mask broadcastable to {@code [B, H, T, S]}, or null
     * @param scale   multiplies {@code Q·Kᵀ} ({@code 1/√d_k} in the paper)
     * @param dropout on the probabilities, or null
     * @return the context {@code [B, H, T, D]} (from the fused path a view of {@code [B, T, H·D]}, so
     *         {@link #mergeHeads} copies nothing) and the probabilities {@code [B, H, T, S]} or null
     */
    public static Result attend(Module module, Tensor q, Tensor k, Tensor v, Tensor mask, float scale,
                                Dropout dropout) {
        if (needsProbabilities(module, q, k, v, dropout)) {
            return scaledDotProduct(q, k, v, mask, scale, dropout);
        }
        return new Result(fused(q, k, v, mask, scale), null);
    }

    /** As {@link #attend(Module, Tensor, Tensor, Tensor, Tensor, float, Dropout)} with the scale {@code 1/√d_k}. */
    public static Result attend(Module module, Tensor q, Tensor k, Tensor v, Tensor mask, Dropout dropout) {
        return attend(module, q, k, v, mask, (float) (1.0 / Math.sqrt(q.size(-1))), dropout);
    }

    /** Whether anything reads the probabilities, or a gradient has to flow through them. */
    static boolean needsProbabilities(Module module, Tensor q, Tensor k, Tensor v, Dropout dropout) {
        return implementation() == Implementation.EAGER
                || (Boolean) THREAD.get()[1]
                || Grad.isEnabled() && (q.needsGrad() || k.needsGrad() || v.needsGrad())
                || dropout != null && (dropout.isTraining() && dropout.p() > 0 || dropout.hooks() != null)
                || module != null && module.isWatched();
    }

    /**
     * {@code softmax(Q·Kᵀ·scale + mask)·V} by {@link dev.transformers4j.core.Kernels#attention}: the context is
     * written as {@code [B, T, H, D]} (heads merged) and returned as its {@code [B, H, T, D]} view.
     */
    static Tensor fused(Tensor q, Tensor k, Tensor v, Tensor mask, float scale) {
        if (q.rank() != 4 || k.rank() != 4) {
            throw new IllegalArgumentException("attention: expected q [B, H, T, D] and k [B, H, S, D] but were "
                    + Shape.str(q.shape()) + " and " + Shape.str(k.shape()));
        }
        int b = q.size(0), h = q.size(1), t = q.size(2), d = q.size(3), s = k.size(2);
        Shape.check("k", new int[] {b, h, s, d}, k.shape());
        Shape.check("v", k.shape(), v.shape());
        Tensor merged = Tensor.of(Workspace.floats(b * t * h * d), b, t, h, d);     // [B, T, H, D], every element written
        Strided out = new Strided(merged.data(), 0, t * h * d, d, h * d, 1);
        Backend.current().attention(new AttentionOperands(b, h, t, s, d, rows(q), rows(k), rows(v),
                mask == null ? null : broadcastMask(mask, b, h, t, s), out, scale, false, 0));
        merged.derivedFrom("scaledDotProductAttention", q, NO_BACKWARD, k, NO_BACKWARD, v, NO_BACKWARD);
        return merged.permute(0, 2, 1, 3);                                          // [B, H, T, D]
    }

    /** A {@code [B, H, rows, D]} tensor as the kernel reads it (copied only when its rows are not contiguous). */
    private static Strided rows(Tensor x) {
        Tensor r = x.strides()[3] == 1 || x.size(3) == 1 ? x : x.contiguous();
        int[] st = r.strides();
        return new Strided(r.data(), r.offset(), st[0], st[1], st[2], 1);
    }

    /** The additive mask's strides over {@code [B, H, T, S]}, 0 where it broadcasts. */
    private static Strided broadcastMask(Tensor mask, int b, int h, int t, int s) {
        int[] target = {b, h, t, s};
        if (!broadcastsTo(mask.shape(), target)) {
            throw new IllegalArgumentException("mask: expected a shape broadcastable to " + Shape.str(target)
                    + " but was " + Shape.str(mask.shape()));
        }
        Tensor m = mask;
        while (m.rank() < 4) {
            m = m.unsqueeze(0);
        }
        int[] st = new int[4];
        for (int i = 0; i < 4; i++) {
            st[i] = m.size(i) == 1 ? 0 : m.strides()[i];
        }
        return new Strided(m.data(), m.offset(), st[0], st[1], st[2], st[3]);
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

    private static boolean broadcastsTo(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        for (int i = 1; i <= shape.length; i++) {
            int n = shape[shape.length - i];
            if (n != 1 && n != target[target.length - i]) {
                return false;
            }
        }
        return true;
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
