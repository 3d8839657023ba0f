package dev.transformers4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * §5.3: "We used the Adam optimizer with β1 = 0.9, β2 = 0.98 and ε = 10⁻⁹" (no weight decay), worked by hand on
 * two steps with lr 0.01 (the numbers are in {@code docs/paper-to-code.md}). p = (1, −2, 0.5).
 * <pre>
 * step 1, g = (0.5, 0.5, 0):  m = 0.1·g = (0.05, 0.05, 0)   v = 0.02·g² = (0.005, 0.005, 0)
 *   m̂ = m/(1 − 0.9) = g     v̂ = v/(1 − 0.98) = g²    so every moved element moves by lr·sign(g):
 *   p = (0.99, −2.01, 0.5)     (the third stays: 0/(0 + ε) = 0)
 * step 2, g = (−1, 0.5, 0):
 *   element 0: m = 0.9·0.05 − 0.1 = −0.055, v = 0.98·0.005 + 0.02·1 = 0.0249
 *              m̂ = −0.055/0.19 = −0.289474, v̂ = 0.0249/0.0396 = 0.628788, √v̂ = 0.792961
 *              p = 0.99 + 0.01·0.289474/0.792961 = 0.993651
 *   element 1: the same gradient twice: m̂ = 0.5, v̂ = 0.25 → p = −2.01 − 0.01 = −2.02
 * </pre>
 * With PyTorch's default β2 = 0.999 (and ε = 1e-8), element 0 ends at 0.993661 instead: v = 0.00124975,
 * v̂ = 0.00124975/0.001999 = 0.625188, so the newer, larger gradient weighs a little less in v̂.
 */
class AdamPaperSettingsTest {

    private static Parameter stepTwice(double beta2, double eps) {
        Parameter p = OptimizerTesting.parameter();
        AdamW adam = new AdamW(OptimizerTesting.group(p, 0), 0.01, 0.9, beta2, eps);
        OptimizerTesting.step(adam, p, new float[] {0.5f, 0.5f, 0f});
        assertThat(p.value().toArray()).containsExactly(new float[] {0.99f, -2.01f, 0.5f}, within(1e-6f));
        OptimizerTesting.step(adam, p, new float[] {-1f, 0.5f, 0f});
        return p;
    }

    @Test
    void twoStepsWithThePapersBetasAndEpsilon() {
        float[] p = stepTwice(0.98, 1e-9).value().toArray();
        assertThat((double) p[0]).isCloseTo(0.993651, within(1e-6));
        assertThat((double) p[1]).isCloseTo(-2.02, within(1e-6));
        assertThat(p[2]).isEqualTo(0.5f);
    }

    @Test
    void pytorchsDefaultBeta2GivesAnotherSecondStep() {
        assertThat((double) stepTwice(0.999, 1e-8).value().toArray()[0]).isCloseTo(0.993661, within(1e-6));
    }
}
