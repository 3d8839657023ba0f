package dev.transformers4j.core.autograd;

import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import java.util.Random;
import java.util.function.Function;

/**
 * Finite-difference checks of backward rules. For {@code y = f(inputs)} and a fixed random weighting w of y
 * (so every output element matters), the analytic gradient {@code ∂(Σ w⊙y)/∂x} from {@code y.backward(w)} is
 * compared with central differences {@code (L(x + h) − L(x − h)) / 2h}, where L is summed in double from the
 * float outputs and the step is the one actually representable in float. With h = 1e-2 the truncation error
 * is ~h²·f'''/6 ≈ 2e-5 and the float rounding of y contributes ~1e-5/h: the tolerance 2e-3 + 1e-2·|g| is far
 * below the O(0.1–1) errors of a wrong rule.
 */
final class GradCheck {

    static final double H = 1e-2;
    static final double ATOL = 2e-3;
    static final double RTOL = 1e-2;

    private GradCheck() {
    }

    /** A tensor of N(0, 1) values. */
    static Tensor randn(Random r, int... shape) {
        float[] v = new float[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, shape);
    }

    /** Checks the gradient of {@code f} with respect to every input (each is made a leaf that requires grad). */
    static void check(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor x : inputs) {
            x.requiresGrad(true).zeroGrad();
        }
        Tensor y = f.apply(inputs);
        Tensor w = randn(new Random(99), y.shape());
        y.backward(w);
        for (int n = 0; n < inputs.length; n++) {
            Tensor x = inputs[n];
            if (x.grad() == null) {
                fail(what + ": input " + n + " received no gradient");
            }
            float[] analytic = x.grad().toArray();
            float[] data = x.data();
            for (int i = 0; i < data.length; i++) {
                float orig = data[i];
                float plus = (float) (orig + H);
                float minus = (float) (orig - H);
                data[i] = plus;
                double lp = weighted(f, inputs, w);
                data[i] = minus;
                double lm = weighted(f, inputs, w);
                data[i] = orig;
                double numeric = (lp - lm) / ((double) plus - minus);
                double err = Math.abs(numeric - analytic[i]);
                if (!(err <= ATOL + RTOL * Math.abs(numeric))) {
                    fail(what + ": ∂L/∂input" + n + "[" + i + "] is " + analytic[i] + " by backward but "
                            + numeric + " by finite differences");
                }
            }
        }
    }

    /** {@code Σ w ⊙ f(inputs)} in double, without recording. */
    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor w) {
        float[] y = Grad.noGrad(() -> f.apply(inputs)).toArray();
        float[] ws = w.toArray();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) ws[i] * y[i];
        }
        return s;
    }
}
