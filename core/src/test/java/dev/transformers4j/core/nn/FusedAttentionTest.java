package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.AttentionOperands;
import dev.transformers4j.core.AttentionOperands.Strided;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Attention#attend}: the fused implementation equals the eager one (within {@code 1e-5 + 1e-4·|e|}) and
 * writes the merged heads in place; the eager one still runs whenever something reads the probabilities. The
 * reference kernel's folded causal and sliding-window masks equal an eager −∞ mask. (The vector kernel is swept
 * against the eager path in the simd module.)
 */
class FusedAttentionTest {

    /** A module that attends with its own dropout, inside a parent: where hooks can watch it. */
    static final class SelfAttention extends Module {
        final Dropout dropout = child("dropout", new Dropout(0.5));

        Attention.Result forward(Tensor q, Tensor k, Tensor v, Tensor mask) {
            ForwardCall call = enter(q, k, v);
            return call.exit(Attention.attend(this, q, k, v, mask, dropout));
        }
    }

    static final class Layer extends Module {
        final SelfAttention attention = child("attention", new SelfAttention());
    }

    private static final int B = 2, H = 3, T = 17, D = 32;
    private final Random random = new Random(12);
    private final Tensor q = heads(T);                                   // [B, H, T, D] views of [B, T, H·D]
    private final Tensor k = heads(T);
    private final Tensor v = heads(T);
    private final Tensor padding = paddingMask();                        // [B, 1, 1, T]

    @Test
    void fusedEqualsEagerAndWritesTheMergedHeadsInPlace() {
        Layer layer = new Layer();
        layer.eval();
        Attention.Result fused = layer.attention.forward(q, k, v, padding);
        Attention.Result eager;
        try (Attention.Scope s = Attention.use(Attention.Implementation.EAGER)) {
            eager = layer.attention.forward(q, k, v, padding);
        }
        assertThat(fused.probs()).isNull();
        assertThat(eager.probs().shape()).containsExactly(B, H, T, T);
        assertClose(fused.context(), eager.context());
        Tensor merged = Attention.mergeHeads(fused.context());            // [B, T, H·D]: a view, no copy
        assertThat(merged.data()).isSameAs(fused.context().data());
    }

    @Test
    void theEagerPathRunsWhenAttentionsAreRequested() {
        Layer layer = new Layer();
        layer.eval();
        try (Attention.Scope s = Attention.keepProbabilities(true)) {              // output_attentions
            assertThat(layer.attention.forward(q, k, v, padding).probs()).isNotNull();
            try (Attention.Scope inner = Attention.keepProbabilities(false)) {     // a nested stack cannot undo it
                assertThat(layer.attention.forward(q, k, v, padding).probs()).isNotNull();
            }
        }
        assertThat(layer.attention.forward(q, k, v, padding).probs()).isNull();
    }

    @Test
    void theEagerPathRunsWhenAHookWatchesTheModuleOrAnAncestor() {
        Layer layer = new Layer();
        layer.eval();
        List<Tensor> seen = new ArrayList<>();
        try (HookHandle h = layer.registerForwardHook("attention",
                (name, m, in, out) -> seen.add(((Attention.Result) out).probs()))) {
            layer.attention.forward(q, k, v, padding);
        }
        try (HookHandle h = layer.registerForwardHook("", (name, m, in, out) -> { })) {
            assertThat(layer.attention.forward(q, k, v, padding).probs()).isNotNull();
        }
        try (HookHandle h = layer.registerForwardPreHook("attention.dropout", (name, m, in) -> { })) {
            assertThat(layer.attention.forward(q, k, v, padding).probs()).isNotNull();   // it sees the probabilities
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).shape()).containsExactly(B, H, T, T);
        assertThat(layer.attention.forward(q, k, v, padding).probs()).isNull();    // hooks removed: fused again
    }

    @Test
    void theEagerPathRunsForGradientsAndActiveDropout() {
        Layer layer = new Layer();
        layer.eval();
        Tensor qg = q.contiguous().detach().requiresGrad();
        assertThat(layer.attention.forward(qg, k, v, padding).probs()).isNotNull();
        try (Grad.Scope off = Grad.disabled()) {
            assertThat(layer.attention.forward(qg, k, v, padding).probs()).isNull();
        }
        layer.train();
        assertThat(layer.attention.forward(q, k, v, padding).probs()).isNotNull();
    }

    @Test
    void theReferenceKernelFoldsCausalAndWindowMasksLikeAnEagerMinusInfinityMask() {
        int t = 5, s = 9, window = 3;                                    // 4 cached keys before the 5 new ones
        Tensor kk = heads(s), vv = heads(s);
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                int p = s - t + i;
                m[i * s + j] = j > p || j <= p - window ? Float.NEGATIVE_INFINITY : 0f;
            }
        }
        Tensor q5 = q.slice(2, 0, t);
        Tensor eager = Attention.scaledDotProduct(q5, kk, vv, Tensor.of(m, 1, 1, t, s), 0.2f).context();
        float[] out = new float[B * t * H * D];
        new ReferenceKernels().attention(new AttentionOperands(B, H, t, s, D, strided(q5), strided(kk), strided(vv),
                null, new Strided(out, 0, t * H * D, D, H * D, 1), 0.2f, true, window));
        assertClose(Tensor.of(out, B, t, H, D).permute(0, 2, 1, 3), eager);
    }

    @Test
    void aFullyMaskedRowIsUniformAsInTheEagerSoftmax() {
        float[] m = new float[B * T];
        java.util.Arrays.fill(m, T, 2 * T, Float.NEGATIVE_INFINITY);     // batch row 1: every key masked
        Tensor mask = Tensor.of(m, B, 1, 1, T);
        Tensor fused = Attention.attend(null, q, k, v, mask, null).context();
        assertClose(fused, Attention.scaledDotProduct(q, k, v, mask).context());
        Tensor meanOfValues = v.select(0, 1).sumTo(H, 1, D).mul(1f / T).reshape(H, D);
        assertClose(fused.select(0, 1).select(1, 0), meanOfValues);
    }

    @Test
    void badInputIsOneClearError() {
        assertThatThrownBy(() -> Attention.Implementation.of("flash"))
                .hasMessage("t4j.attention: expected eager or fused but was 'flash'");
        assertThat(Attention.Implementation.of("SDPA")).isEqualTo(Attention.Implementation.FUSED);
        assertThatThrownBy(() -> Attention.attend(null, q, k, v, Tensor.zeros(B, 1, 1, T + 1), null))
                .hasMessage("mask: expected a shape broadcastable to [2, 3, 17, 17] but was [2, 1, 1, 18]");
        assertThatThrownBy(() -> Attention.attend(null, q, k, heads(T + 1), null, null))
                .hasMessageStartingWith("v: expected [2, 3, 17, 32]");
    }

    private Tensor heads(int t) {
        float[] x = new float[B * t * H * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return Attention.splitHeads(Tensor.of(x, B, t, H * D), H);
    }

    private Tensor paddingMask() {
        float[] m = new float[B * T];
        for (int j = T - 5; j < T; j++) {
            m[T + j] = -Float.MAX_VALUE;
        }
        return Tensor.of(m, B, 1, 1, T);
    }

    private static Strided strided(Tensor x) {
        int[] st = x.strides();
        return new Strided(x.data(), x.offset(), st[0], st[1], st[2], st[3]);
    }

    private static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        float[] a = actual.contiguous().toArray(), e = expected.contiguous().toArray();
        for (int i = 0; i < e.length; i++) {
            assertThat((double) Math.abs(a[i] - e[i])).as("element %d: %s vs %s", i, a[i], e[i])
                    .isLessThanOrEqualTo(1e-5 + 1e-4 * Math.abs(e[i]));
        }
    }
}
