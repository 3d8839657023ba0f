package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Rng;
import dev.transformers4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The equations of <i>Attention Is All You Need</i> that live in {@code core.nn}, each on an example small enough
 * to work out with pen and paper (and an {@code exp} key). The same numbers are written out in
 * {@code docs/paper-to-code.md}.
 *
 * <p>Eq. 1 example: three tokens, d_k = 2, no projections, {@code Q = K = V = X} with
 * <pre>
 *   X = [[1, 0],        Q·Kᵀ = [[1, 0, 1],       Q·Kᵀ/√2 = [[1/√2, 0,    1/√2],
 *        [0, 1],                [0, 1, 1],                  [0,    1/√2, 1/√2],
 *        [1, 1]]                [1, 1, 2]]                  [1/√2, 1/√2, √2  ]]
 * </pre>
 * With a = e^(1/√2) = 2.028115 and b = e^(√2) = 4.113250, row 0 of the softmax is {@code [a, 1, a] / (2a + 1)}
 * = [0.401112, 0.197776, 0.401112] and row 2 is {@code [a, a, b] / (2a + b)} = [0.248255, 0.248255, 0.503490].
 */
class PaperEquationsTest {

    private static final double TOL = 1e-6;
    private static final float[] X = {1, 0, 0, 1, 1, 1};                    // [3, 2]

    /** {@code [T, D] → [1, 1, T, D]}: one batch row, one head. */
    private static Tensor oneHead(float[] rows, int t, int d) {
        return Tensor.of(rows, 1, 1, t, d);
    }

    private static void assertClose(Tensor actual, double... expected) {
        float[] a = actual.toArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) a[i]).as("element %d of %s", i, java.util.Arrays.toString(a))
                    .isCloseTo(expected[i], within(TOL));
        }
    }

    /** Eq. 1, §3.2.1: {@code Attention(Q, K, V) = softmax(Q·Kᵀ/√d_k)·V}. */
    @Test
    void equationOneScaledDotProductAttention() {
        Tensor x = oneHead(X, 3, 2);
        Attention.Result r = Attention.scaledDotProduct(x, x, x, null);
        assertClose(r.probs(),
                0.401112, 0.197776, 0.401112,
                0.197776, 0.401112, 0.401112,
                0.248255, 0.248255, 0.503490);
        // row 0: 0.401112·(1, 0) + 0.197776·(0, 1) + 0.401112·(1, 1) = (2a, a + 1) / (2a + 1)
        assertClose(r.context(),
                0.802224, 0.598888,
                0.598888, 0.802224,
                0.751745, 0.751745);
    }

    /**
     * §3.2.3, masking in the decoder: the causal mask adds −∞ (here the most negative float, as HF) above the
     * diagonal before the softmax, so token i sees tokens 0..i. Row 0 sees itself only; row 1 has
     * {@code [1, a] / (1 + a)} = [0.330238, 0.669762]; row 2 sees everything, as in Eq. 1.
     */
    @Test
    void causalMaskHidesLaterTokens() {
        float m = -Float.MAX_VALUE;
        Tensor mask = Tensor.of(new float[] {0, m, m, 0, 0, m, 0, 0, 0}, 1, 1, 3, 3);
        Tensor x = oneHead(X, 3, 2);
        Attention.Result r = Attention.scaledDotProduct(x, x, x, mask);
        assertClose(r.probs(),
                1, 0, 0,
                0.330238, 0.669762, 0,
                0.248255, 0.248255, 0.503490);
        assertClose(r.context(),
                1, 0,
                0.330238, 0.669762,
                0.751745, 0.751745);
    }

    /**
     * §3.2.2, multi-head attention with h = 2 heads of d_k = 2 on d_model = 4 (the projections W^Q, W^K, W^V are
     * the identity here; see {@code MarianPaperTest} for them and W^O). Head 1 gets columns 0–1 of Q, K, V (the
     * Eq. 1 example); head 2 gets columns 2–3, where Q = K = 0, so every score is 0, the softmax is uniform (⅓)
     * and each row of the output is the mean of V's rows, ((3 + 0 + 6)/3, (0 + 3 + 6)/3) = (3, 3). Concat puts
     * the two heads side by side again.
     */
    @Test
    void multiHeadSplitsAttendsAndConcatenates() {
        Tensor q = Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0}, 1, 3, 4);   // [B, T, C]
        Tensor v = Tensor.of(new float[] {1, 0, 3, 0, 0, 1, 0, 3, 1, 1, 6, 6}, 1, 3, 4);
        Tensor qh = Attention.splitHeads(q, 2);                                           // [B, H, T, D]
        assertThat(qh.shape()).containsExactly(1, 2, 3, 2);
        Attention.Result r = Attention.scaledDotProduct(qh, qh, Attention.splitHeads(v, 2), null);
        double third = 1.0 / 3;
        assertClose(r.probs(),
                0.401112, 0.197776, 0.401112, 0.197776, 0.401112, 0.401112, 0.248255, 0.248255, 0.503490,
                third, third, third, third, third, third, third, third, third);
        Tensor concat = Attention.mergeHeads(r.context());                                 // [B, T, C]
        assertThat(concat.shape()).containsExactly(1, 3, 4);
        assertClose(concat,
                0.802224, 0.598888, 3, 3,
                0.598888, 0.802224, 3, 3,
                0.751745, 0.751745, 3, 3);
    }

    /**
     * §3.1's LayerNorm (Ba et al.): x = (0, 0, 2, 2) has mean 1 and variance 1, so with γ = 1, β = 0 the output is
     * (x − 1)/√(1 + ε) = ±0.999995 (ε = 1e-5); with γ = (1, 2, 3, 4), β = (0, 0, 0, 1): (−1, −2, 3, 5)·0.999995
     * + β.
     */
    @Test
    void layerNormNormalisesThenScalesAndShifts() {
        LayerNorm ln = new LayerNorm(4, 1e-5);
        Tensor x = Tensor.of(new float[] {0, 0, 2, 2}, 1, 4);
        double s = 1 / Math.sqrt(1 + 1e-5);
        assertThat(s).isCloseTo(0.999995, within(1e-6));
        assertClose(ln.forward(x), -0.999995, -0.999995, 0.999995, 0.999995);
        ln.namedParameters().get("weight").set("weight", Tensor.of(new float[] {1, 2, 3, 4}, 4));
        ln.namedParameters().get("bias").set("bias", Tensor.of(new float[] {0, 0, 0, 1}, 4));
        assertClose(ln.forward(x), -0.999995, -1.999990, 2.999985, 4.999980);
    }

    /**
     * §5.4, residual dropout with P_drop: in training each element is zeroed with probability p or scaled by
     * 1/(1 − p) (p = 0.5: x or 2x), so the expected value is x; in evaluation it is the identity.
     */
    @Test
    void dropoutZeroesOrRescalesInTrainingAndIsTheIdentityInEvaluation() {
        Dropout dropout = new Dropout(0.5, new Rng(7));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 8);
        assertThat(dropout.forward(x).toArray()).containsExactly(x.toArray());       // modules start in eval mode
        dropout.train();
        float[] y = dropout.forward(x).toArray();
        int zeros = 0;
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).as("element %d", i).isIn(0f, 2 * x.toArray()[i]);
            zeros += y[i] == 0 ? 1 : 0;
        }
        assertThat(zeros).as("some dropped, some kept").isBetween(1, 7);
    }
}
