package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Label-smoothed cross-entropy (§5.4) on values worked by hand. Row 0 has logits {@code [0, 0, ln 2]}, so
 * {@code p = [¼, ¼, ½]}; row 1 is ignored; row 2 has equal logits, {@code p = [⅓, ⅓, ⅓]}. With ε = 0.1, V = 3:
 * <pre>
 *   row 0, label 2:  0.9·ln 2 + 0.1·⅓·(ln 4 + ln 4 + ln 2) = ln 2·(0.9 + 0.5/3) = ln 2 · 16/15
 *   row 2, label 0:  0.9·ln 3 + 0.1·ln 3 = ln 3
 *   L = (ln 2 · 16/15 + ln 3) / 2          (n = 2 counted rows)
 *   ∂L/∂x = (p − q)/2 with q = 0.9·onehot + 0.1/3:
 *     row 0: ([¼, ¼, ½] − [1/30, 1/30, 28/30]) / 2 = [13/120, 13/120, −13/60]
 *     row 2: ([⅓, ⅓, ⅓] − [28/30, 1/30, 1/30]) / 2 = [−0.3, 0.15, 0.15]
 * </pre>
 * (The finite-difference check of the rule is in {@code GradCheckTest}.)
 */
class LabelSmoothingTest {

    private static final float LN2 = (float) Math.log(2);
    private static final int[] LABELS = {2, Losses.IGNORE_INDEX, 0};

    private static Tensor logits() {
        return Tensor.of(new float[] {0, 0, LN2, 5, -3, 1, 0, 0, 0}, 3, 3).requiresGrad(true);
    }

    @Test
    void valueAndGradientMatchTheHandWorkedExample() {
        Tensor x = logits();
        Tensor loss = Losses.crossEntropyLoss(x, LABELS, 0.1);
        assertThat((double) loss.item()).isCloseTo((Math.log(2) * 16 / 15 + Math.log(3)) / 2, within(1e-6));
        loss.backward();
        float[] g = x.grad().toArray();
        double[] want = {13 / 120.0, 13 / 120.0, -13 / 60.0, 0, 0, 0, -0.3, 0.15, 0.15};
        for (int i = 0; i < want.length; i++) {
            assertThat((double) g[i]).as("∂L/∂x[%d]", i).isCloseTo(want[i], within(1e-6));
        }
    }

    @Test
    void epsilonZeroIsPlainCrossEntropyAndEpsilonOneIsTheUniformTarget() {
        assertThat(Losses.crossEntropyLoss(logits(), LABELS, 0.0).item())
                .isEqualTo(Losses.crossEntropyLoss(logits(), LABELS).item());
        // ε = 1: only the uniform part, (1/V)·Σ_j −log p_j per row: row 0 = 5·ln 2 / 3, row 2 = ln 3
        assertThat((double) Losses.crossEntropyLoss(logits(), LABELS, 1.0).item())
                .isCloseTo((5 * Math.log(2) / 3 + Math.log(3)) / 2, within(1e-6));
    }

    @Test
    void outOfRangeEpsilonIsRefused() {
        assertThatThrownBy(() -> Losses.crossEntropyLoss(logits(), LABELS, -0.1))
                .hasMessageContaining("label smoothing: expected ε in [0, 1] but was -0.1");
    }
}
