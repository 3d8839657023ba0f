package dev.transformers4j.train.optim;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Parameter;
import java.util.List;
import java.util.Map;

/** A 3-element parameter with hand-picked gradients, shared by the optimizer tests. */
final class OptimizerTesting {

    /** The gradients of three successive steps. */
    static final float[][] GRADS = {{0.1f, -0.2f, 0.3f}, {0.2f, 0.2f, -0.1f}, {-0.3f, 0.1f, 0f}};

    private OptimizerTesting() {
    }

    /** A trainable parameter [3] with value (1, −2, 0.5). */
    static Parameter parameter() {
        Parameter p = new Parameter(3);
        p.requiresGrad(true);
        p.set("w", Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        return p;
    }

    static List<ParamGroup> group(Parameter p, double weightDecay) {
        return List.of(new ParamGroup("g", Map.of("w", p), weightDecay));
    }

    /** Sets the gradient of {@code p} to {@code g} and takes one step. */
    static void step(Optimizer opt, Parameter p, float[] g) {
        opt.zeroGrad();
        p.value().accumulateGrad(Tensor.of(g.clone(), 3));
        opt.step();
    }
}
