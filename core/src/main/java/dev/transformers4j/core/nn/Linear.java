package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;

/** {@code y = x·Wᵀ + b}, with {@code weight [out, in]} and {@code bias [out]} as in {@code nn.Linear}. */
public final class Linear extends Module {

    private final Parameter weight;
    private final Parameter bias;

    public Linear(int in, int out) {
        this(in, out, true);
    }

    public Linear(int in, int out, boolean withBias) {
        this.weight = parameter("weight", out, in);
        this.bias = withBias ? parameter("bias", out) : null;
    }

    /** {@code [..., in] → [..., out]}. */
    public Tensor forward(Tensor x) {
        return enter(x).exit(x.linear(weight.value(), bias == null ? null : bias.value()));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }
}
