package dev.transformers4j.models.marian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import org.junit.jupiter.api.Test;

/**
 * The paper's components as Marian implements them, each on a tiny example worked out by hand; the same numbers
 * are in {@code docs/paper-to-code.md}. Weights are set by hand (by their checkpoint names), dropout is off
 * (evaluation mode).
 */
class MarianPaperTest {

    private static final double TOL = 1e-6;

    /** vocab V, width C, 0 or 1 layers per side, 2 heads, feed-forward width F, ReLU, no dropout. */
    private static MarianConfig config(int vocab, int width, int layers, int ffn) {
        return MarianConfig.base(vocab).toBuilder().dModel(width).encoderLayers(layers).decoderLayers(layers)
                .encoderAttentionHeads(2).decoderAttentionHeads(2).encoderFfnDim(ffn).decoderFfnDim(ffn)
                .maxPositionEmbeddings(4).dropout(0).forcedEosTokenId(-1).build();
    }

    private static void set(Module m, String name, float[] values, int... shape) {
        var p = m.namedParameters().get(name);
        assertThat(p).as("parameter %s of %s", name, m.namedParameters().keySet()).isNotNull();
        p.set(name, Tensor.of(values, shape));
    }

    private static void assertClose(Tensor actual, double... expected) {
        float[] a = actual.toArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) a[i]).as("element %d of %s", i, java.util.Arrays.toString(a))
                    .isCloseTo(expected[i], within(TOL));
        }
    }

    /**
     * §3.5 with C = 4: ω_0 = 1/10000^(0/4) = 1 and ω_1 = 1/10000^(2/4) = 0.01. Marian's row {@code pos} is
     * {@code [sin(pos), sin(0.01·pos), cos(pos), cos(0.01·pos)]} (sines first); the paper interleaves,
     * {@code [sin(pos), cos(pos), sin(0.01·pos), cos(0.01·pos)]}: the same numbers, columns 1 and 2 swapped.
     */
    @Test
    void sinusoidalPositionsAreSinesThenCosines() {
        Tensor pe = new MarianSinusoidalPositionalEmbedding(3, 4).table();               // [3, C]
        assertClose(pe,
                0, 0, 1, 1,
                0.841471, 0.010000, 0.540302, 0.999950,
                0.909297, 0.019999, -0.416147, 0.999800);
        float[] t = pe.toArray();
        float[] paperRow2 = {0.909297f, -0.416147f, 0.019999f, 0.999800f};              // PE(2, 2i), PE(2, 2i+1)
        assertThat(new float[] {t[8], t[10], t[9], t[11]}).containsExactly(paperRow2, within(1e-6f));
    }

    /**
     * §3.2.2 with W^Q, W^K, W^V and W^O: C = 4, h = 2 heads of d_k = 2. W^Q = W^K = diag(1, 1, 0, 0) and W^V = I,
     * so on x = [[1, 0, 3, 0], [0, 1, 0, 3], [1, 1, 6, 6]] head 1 is the Eq. 1 example of {@code PaperEquationsTest}
     * and head 2 attends uniformly (its queries and keys are 0) to the mean of V's last two columns, (3, 3).
     * Concat row 0 = (0.802224, 0.598888, 3, 3); W^O adds the heads, {@code out = (c0 + c2, c1 + c3, 0, 0)}, and
     * b^O = (0, 0, 0, 1).
     */
    @Test
    void multiHeadAttentionProjectsSplitsAttendsConcatenatesAndProjects() {
        MarianAttention attn = new MarianAttention(4, 2, 0.0, 0);
        float[] firstTwo = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] identity = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        set(attn, "q_proj.weight", firstTwo, 4, 4);
        set(attn, "k_proj.weight", firstTwo, 4, 4);
        set(attn, "v_proj.weight", identity, 4, 4);
        set(attn, "out_proj.weight", new float[] {1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 4, 4);
        set(attn, "out_proj.bias", new float[] {0, 0, 0, 1}, 4);
        Tensor x = Tensor.of(new float[] {1, 0, 3, 0, 0, 1, 0, 3, 1, 1, 6, 6}, 1, 3, 4);   // [B, T, C]
        var r = attn.forward(x, (Tensor) null, null);               // self-attention, no mask, no cache
        assertClose(r.context(),
                3.802224, 3.598888, 0, 1,
                3.598888, 3.802224, 0, 1,
                3.751745, 3.751745, 0, 1);
        assertThat(r.probs()).isNull();                           // the fused attention keeps no probabilities
        try (Attention.Scope eager = Attention.use(Attention.Implementation.EAGER)) {
            Tensor probs = attn.forward(x, (Tensor) null, null).probs();
            assertThat(probs.shape()).containsExactly(1, 2, 3, 3);                      // [B, H, T, T]
        }
    }

    /**
     * Eq. 2, {@code FFN(x) = max(0, x·W_1 + b_1)·W_2 + b_2} with C = 2, F = 3 ({@code fc1}, {@code fc2}; nn.Linear
     * stores W as [out, in]). x = (1, −1): x·W_1 + b_1 = (1, −1, 0) + (0, 0, 1) = (1, −1, 1); ReLU → (1, 0, 1);
     * ·W_2 = (1 + 0 + 1, 1 − 0 + 2) = (2, 3); + b_2 = (2, 3.5).
     */
    @Test
    void equationTwoPositionWiseFeedForward() {
        MarianEncoderLayer layer = new MarianEncoderLayer(config(3, 2, 1, 3), 0);
        set(layer, "fc1.weight", new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        set(layer, "fc1.bias", new float[] {0, 0, 1}, 3);
        set(layer, "fc2.weight", new float[] {1, 1, 1, 1, -1, 2}, 2, 3);
        set(layer, "fc2.bias", new float[] {0, 0.5f}, 2);
        // position-wise: a second position (2, 3) → (2, 3, 6) → (2·1 + 3 + 6, 2 − 3 + 12) + b_2 = (11, 11.5)
        assertClose(layer.feedForward(Tensor.of(new float[] {1, -1, 2, 3}, 1, 2, 2)), 2, 3.5, 11, 11.5);
    }

    /**
     * §3.1, post-LN: each sub-layer's output is {@code LayerNorm(x + Sublayer(x))}. All weights 0, so the
     * self-attention gives its bias b^O = (−1, 0, 3, 2) and the FFN its bias b_2 = (0, 0, 0, 4). With
     * x = (1, 0, −1, 0): x + b^O = (0, 0, 2, 2) → LayerNorm → (−1, −1, 1, 1)·0.999995 (mean 1, variance 1, ε 1e-5);
     * + b_2 = (−0.999995, −0.999995, 0.999995, 4.999995) → mean 1, variance 5.99998 → LayerNorm ≈ (−2, −2, 0, 4)/√6
     * = (−0.816495, −0.816495, −0.000002, 1.632992). (GPT-2's pre-LN block gives the un-normalised sum instead:
     * {@code GPT2PaperDifferencesTest}.)
     */
    @Test
    void postLayerNormAfterEachResidualSum() {
        MarianEncoderLayer layer = new MarianEncoderLayer(config(3, 4, 1, 2), 0);
        layer.namedParameters().forEach((name, p) -> {
            if (!name.endsWith("layer_norm.weight")) {
                p.set(name, Tensor.zeros(p.shape()));
            }
        });
        set(layer, "self_attn.out_proj.bias", new float[] {-1, 0, 3, 2}, 4);
        set(layer, "fc2.bias", new float[] {0, 0, 0, 4}, 4);
        var r = layer.forward(Tensor.of(new float[] {1, 0, -1, 0}, 1, 1, 4), null);
        assertClose(r.hiddenState(), -0.816495, -0.816495, -0.000002, 1.632992);
    }

    /**
     * §3.4: one matrix E is the source and target embedding and the pre-softmax projection, and embeddings are
     * multiplied by √d_model. V = 3, C = 4 (√C = 2), no layers, so the decoder output is {@code 2·E[y] + PE[pos]}
     * and the logits are {@code h·Eᵀ + final_logits_bias}. E = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
     * (row 2 is padding, also the decoder start), bias = (0, 0, −1). Decoder ids (2, 0):
     * <pre>
     *   pos 0, id 2: h = 2·(0, 0, 0, 0) + (0, 0, 1, 1)                       logits = (0, 1, −1)
     *   pos 1, id 0: h = 2·(1, 0, 0, 0) + (0.841471, 0.010000, 0.540302, 0.999950)
     *              = (2.841471, 0.010000, 0.540302, 0.999950)              logits = (2.841471, 0.540302, −1)
     * </pre>
     */
    @Test
    void sharedEmbeddingScaledBySqrtDModelIsAlsoThePreSoftmaxProjection() {
        MarianMTModel model = new MarianMTModel(config(3, 4, 0, 1));
        set(model, "model.shared.weight", new float[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}, 3, 4);
        set(model, "final_logits_bias", new float[] {0, 0, -1}, 1, 3);
        Seq2SeqLMOutput out = model.forward(TokenBatch.of(1, 0), new int[] {2, 0}, ForwardOptions.DEFAULT);
        assertClose(out.decoderLastHiddenState(), 0, 0, 1, 1, 2.841471, 0.010000, 0.540302, 0.999950);
        assertClose(out.logits(), 0, 1, -1, 2.841471, 0.540302, -1);
    }
}
