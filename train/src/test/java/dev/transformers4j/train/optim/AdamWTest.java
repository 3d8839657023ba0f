package dev.transformers4j.train.optim;

import static dev.transformers4j.train.optim.OptimizerTesting.GRADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /**
     * lr 0.1, β (0.9, 0.999), ε 1e-8, λ 0.01, p = (1, −2, 0.5).
     * <pre>
     * step 1, g = (0.1, −0.2, 0.3):
     *   decay   p·(1 − 0.1·0.01) = p·0.999                  = (0.999, −1.998, 0.4995)
     *   m = 0.1·g = (0.01, −0.02, 0.03)      v = 0.001·g² = (1e-5, 4e-5, 9e-5)
     *   m̂ = m/(1 − 0.9) = g                  v̂ = v/(1 − 0.999) = g²      so m̂/(√v̂ + ε) = sign(g)·|g|/(|g| + 1e-8)
     *   p = (0.999 − 0.09999999, −1.998 + 0.099999995, 0.4995 − 0.099999997) = (0.89900001, −1.898000005, 0.399500003)
     * step 2, g = (0.2, 0.2, −0.1):  m = 0.9·m + 0.1·g = (0.029, 0.002, 0.017), v = 0.999·v + 0.001·g²
     *   = (4.999e-5, 7.996e-5, 9.991e-5), m̂ = m/0.19, v̂ = v/0.001999      p = (0.801582814, −1.901365163, 0.359078648)
     * step 3, g = (−0.3, 0.1, 0): m = (−0.0039, 0.0118, 0.0153), v = (1.3994e-4, 8.988e-5, 9.98101e-5),
     *   bias corrections 1 − 0.9³ = 0.271, 1 − 0.999³ = 0.002997001     p = (0.807441132, −1.924607227, 0.327782559)
     * </pre>
     */
    @Test
    void threeHandComputedSteps() {
        Parameter p = OptimizerTesting.parameter();
        AdamW opt = new AdamW(OptimizerTesting.group(p, 0.01), 0.1, 0.9, 0.999, 1e-8);
        double[][] expected = {
            {0.899000010, -1.898000005, 0.399500003},
            {0.801582814, -1.901365163, 0.359078648},
            {0.807441132, -1.924607227, 0.327782559}};
        for (int s = 0; s < 3; s++) {
            OptimizerTesting.step(opt, p, GRADS[s]);
            for (int i = 0; i < 3; i++) {
                assertThat((double) p.value().get(i)).as("step %d, element %d", s + 1, i).isCloseTo(expected[s][i], within(1e-6));
            }
        }
        OptimizerState st = opt.state();
        assertThat(st.steps()).containsEntry("w", 3L);
        assertThat(st.buffer("w", "exp_avg")).containsExactly(new float[] {-0.0039f, 0.0118f, 0.0153f}, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(st.buffer("w", "exp_avg_sq")[0]).isCloseTo(1.3994e-4f, within(1e-9f));
    }

    /** Without decay and with a zero gradient the parameter does not move: m = v = 0 gives 0/(0 + ε). */
    @Test
    void zeroGradientAndNoDecayLeavesTheParameter() {
        Parameter p = OptimizerTesting.parameter();
        AdamW opt = new AdamW(OptimizerTesting.group(p, 0), 0.1);
        OptimizerTesting.step(opt, p, new float[3]);
        assertThat(p.value().toArray()).containsExactly(1f, -2f, 0.5f);
    }

    /** A parameter without a gradient is skipped entirely (no decay, no step count), as in PyTorch. */
    @Test
    void parameterWithoutGradientIsSkipped() {
        Parameter p = OptimizerTesting.parameter();
        AdamW opt = new AdamW(OptimizerTesting.group(p, 0.5), 0.1);
        opt.step();
        assertThat(p.value().toArray()).containsExactly(1f, -2f, 0.5f);
        assertThat(opt.state().steps()).isEmpty();
    }

    /** Exporting after step 1 and importing into a fresh optimizer gives bit-identical steps 2 and 3. */
    @Test
    void stateRoundTripContinuesExactly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Parameter a = OptimizerTesting.parameter();
        AdamW optA = new AdamW(OptimizerTesting.group(a, 0.01), 0.1);
        OptimizerTesting.step(optA, a, GRADS[0]);
        optA.state().save(dir);

        Parameter b = OptimizerTesting.parameter();
        b.set("w", a.value());
        AdamW optB = new AdamW(OptimizerTesting.group(b, 0.01), 0.5);
        optB.loadState(OptimizerState.load(dir));
        assertThat(optB.learningRate()).isEqualTo(0.1);
        for (int s = 1; s < 3; s++) {
            OptimizerTesting.step(optA, a, GRADS[s]);
            OptimizerTesting.step(optB, b, GRADS[s]);
        }
        assertThat(b.value().toArray()).containsExactly(a.value().toArray());
    }

    @Test
    void loadingAnotherOptimizersStateIsRefused() {
        Parameter p = OptimizerTesting.parameter();
        SGD sgd = new SGD(OptimizerTesting.group(p, 0), 0.1, 0.9, 0, false);
        OptimizerTesting.step(sgd, p, GRADS[0]);
        AdamW adam = new AdamW(OptimizerTesting.group(p, 0), 0.1);
        assertThatThrownBy(() -> adam.loadState(sgd.state())).hasMessageContaining("SGD, not AdamW");
    }

    @Test
    void betasOutOfRangeAreRejected() {
        Parameter p = OptimizerTesting.parameter();
        assertThatThrownBy(() -> new AdamW(OptimizerTesting.group(p, 0), 0.1, 1.0, 0.999, 1e-8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta1").hasMessageContaining("[0, 1)");
    }
}
