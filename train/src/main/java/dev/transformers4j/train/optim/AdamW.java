package dev.transformers4j.train.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), exactly as {@code torch.optim.AdamW}
 * (non-amsgrad). For each parameter p with gradient g, at its update number t = 1, 2, …:
 * <pre>
 *   p ← p·(1 − lr·λ)                      decoupled weight decay, applied first
 *   m ← β1·m + (1 − β1)·g                 first moment
 *   v ← β2·v + (1 − β2)·g²                second moment
 *   m̂ = m / (1 − β1^t)    v̂ = v / (1 − β2^t)   bias corrections
 *   p ← p − lr·m̂ / (√v̂ + ε)              ε added outside the square root
 * </pre>
 * i.e. {@code p ← p − lr·(m̂/(√v̂+ε) + λ·p)} with the decay taken on the value before the Adam step. The
 * paper (§5.3) trains with Adam, β1 = 0.9, β2 = 0.98, ε = 1e-9 and no decay; the defaults here are PyTorch's
 * and HF Trainer's: β = (0.9, 0.999), ε = 1e-8, λ = 0.
 */
public final class AdamW extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, Moments> state = new HashMap<>();

    /** Per-parameter state: the update count t and the moments m, v. */
    private static final class Moments {
        long step;
        final float[] m;
        final float[] v;

        Moments(int n) {
            m = new float[n];
            v = new float[n];
        }
    }

    /** AdamW with β = (0.9, 0.999) and ε = 1e-8. */
    public AdamW(List<ParamGroup> groups, double lr) {
        this(groups, lr, 0.9, 0.999, 1e-8);
    }

    public AdamW(List<ParamGroup> groups, double lr, double beta1, double beta2, double eps) {
        super(groups, lr);
        requireIn("beta1", beta1);
        requireIn("beta2", beta2);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("adam epsilon: expected >= 0 but was " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected void update(String name, float[] w, int wOff, float[] g, int gOff, int n, double weightDecay) {
        Moments s = state.computeIfAbsent(name, k -> new Moments(n));
        long t = ++s.step;
        double lr = learningRate();
        float decay = (float) (1 - lr * weightDecay);
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));             // lr / (1 − β1^t)
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, t));            // √(1 − β2^t)
        float e = (float) eps;
        float[] m = s.m;
        float[] v = s.v;
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float p = w[wOff + i] * decay;
            w[wOff + i] = p - stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + e);
        }
    }

    @Override
    public OptimizerState state() {
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, float[]> buffers = new LinkedHashMap<>();
        parameters().keySet().forEach(name -> {
            Moments s = state.get(name);
            if (s != null) {
                steps.put(name, s.step);
                buffers.put(name + ".exp_avg", s.m.clone());
                buffers.put(name + ".exp_avg_sq", s.v.clone());
            }
        });
        Map<String, Double> hyper = new LinkedHashMap<>();
        hyper.put("lr", learningRate());
        hyper.put("beta1", beta1);
        hyper.put("beta2", beta2);
        hyper.put("eps", eps);
        return new OptimizerState("AdamW", steps, buffers, hyper);
    }

    @Override
    public void loadState(OptimizerState saved) {
        if (!saved.type().equals("AdamW")) {
            throw new IllegalArgumentException("optimizer state is for " + saved.type() + ", not AdamW");
        }
        Map<String, Moments> loaded = new HashMap<>();
        saved.steps().forEach((name, step) -> {
            float[] m = saved.buffer(name, "exp_avg");
            float[] v = saved.buffer(name, "exp_avg_sq");
            if (m == null || v == null) {
                throw new IllegalArgumentException("optimizer state for '" + name + "' lacks exp_avg or exp_avg_sq");
            }
            Moments s = new Moments(sizeOf(name, m));
            sizeOf(name, v);
            System.arraycopy(m, 0, s.m, 0, m.length);
            System.arraycopy(v, 0, s.v, 0, v.length);
            s.step = step;
            loaded.put(name, s);
        });
        state.clear();
        state.putAll(loaded);
        setLearningRate(saved.hyperParameters().getOrDefault("lr", learningRate()));
    }

    private static void requireIn(String what, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("adam " + what + ": expected a value in [0, 1) but was " + beta);
        }
    }
}
