package dev.transformers4j.train.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, exactly as {@code torch.optim.SGD}. For each parameter p with
 * gradient g:
 * <pre>
 *   d ← g + λ·p                               L2 weight decay (coupled, unlike AdamW), when λ ≠ 0
 *   b ← d                                     on the parameter's first update
 *   b ← μ·b + (1 − τ)·d                       afterwards (μ momentum, τ dampening)
 *   d ← d + μ·b   (Nesterov)   or   d ← b     when μ ≠ 0
 *   p ← p − lr·d
 * </pre>
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final Map<String, float[]> buffers = new HashMap<>();

    /** Plain SGD, {@code p ← p − lr·g}. */
    public SGD(List<ParamGroup> groups, double lr) {
        this(groups, lr, 0, 0, false);
    }

    public SGD(List<ParamGroup> groups, double lr, double momentum, double dampening, boolean nesterov) {
        super(groups, lr);
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("sgd momentum: expected >= 0 but was " + momentum);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd nesterov: needs momentum > 0 and dampening 0 but momentum was "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(String name, float[] w, int wOff, float[] g, int gOff, int n, double weightDecay) {
        float lr = (float) learningRate();
        float wd = (float) weightDecay;
        float mu = (float) momentum;
        float keep = (float) (1 - dampening);
        float[] b = momentum == 0 ? null : buffers.get(name);
        boolean first = momentum != 0 && b == null;
        if (first) {
            b = new float[n];
            buffers.put(name, b);
        }
        for (int i = 0; i < n; i++) {
            float d = wd == 0 ? g[gOff + i] : g[gOff + i] + wd * w[wOff + i];
            if (b != null) {
                b[i] = first ? d : mu * b[i] + keep * d;
                d = nesterov ? d + mu * b[i] : b[i];
            }
            w[wOff + i] -= lr * d;
        }
    }

    @Override
    public OptimizerState state() {
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, float[]> saved = new LinkedHashMap<>();
        parameters().keySet().forEach(name -> {
            float[] b = buffers.get(name);
            if (b != null) {
                steps.put(name, 1L);                          // PyTorch's SGD keeps no count; 1 marks "has a buffer"
                saved.put(name + ".momentum_buffer", b.clone());
            }
        });
        Map<String, Double> hyper = new LinkedHashMap<>();
        hyper.put("lr", learningRate());
        hyper.put("momentum", momentum);
        hyper.put("dampening", dampening);
        hyper.put("nesterov", nesterov ? 1.0 : 0.0);
        return new OptimizerState("SGD", steps, saved, hyper);
    }

    @Override
    public void loadState(OptimizerState saved) {
        if (!saved.type().equals("SGD")) {
            throw new IllegalArgumentException("optimizer state is for " + saved.type() + ", not SGD");
        }
        Map<String, float[]> loaded = new HashMap<>();
        saved.steps().keySet().forEach(name -> {
            float[] b = saved.buffer(name, "momentum_buffer");
            sizeOf(name, b);
            if (b == null) {
                throw new IllegalArgumentException("optimizer state for '" + name + "' lacks momentum_buffer");
            }
            loaded.put(name, b.clone());
        });
        buffers.clear();
        buffers.putAll(loaded);
        setLearningRate(saved.hyperParameters().getOrDefault("lr", learningRate()));
    }
}
