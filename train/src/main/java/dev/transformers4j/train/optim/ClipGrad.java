package dev.transformers4j.train.optim;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Parameter;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/** Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class ClipGrad {

    private ClipGrad() {
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}:
     * <pre>  ‖g‖ = √(Σ_p Σ_i g_pi²)      g ← g · min(1, maxNorm / (‖g‖ + 1e-6))</pre>
     * Parameters without a gradient are skipped; a shared parameter counts once.
     *
     * @return the total norm ‖g‖ before clipping (NaN or infinite when a gradient is; then nothing is scaled)
     */
    public static double clipGradNorm(Collection<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max_grad_norm: expected > 0 but was " + maxNorm);
        }
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        double sumSquares = 0;
        for (Parameter p : params) {
            Tensor g = p.grad();
            if (g != null && seen.put(p, Boolean.TRUE) == null) {
                float[] d = g.data();
                for (int i = g.offset(), end = g.offset() + g.numel(); i < end; i++) {
                    sumSquares += (double) d[i] * d[i];
                }
            }
        }
        double total = Math.sqrt(sumSquares);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Parameter p : seen.keySet()) {
                Tensor g = p.grad();
                float[] d = g.data();
                for (int i = g.offset(), end = g.offset() + g.numel(); i < end; i++) {
                    d[i] *= c;
                }
            }
        }
        return total;
    }
}
