package dev.transformers4j.core.nn;

import dev.transformers4j.core.FusedActivation;
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

    /**
     * {@code act(x·Wᵀ + b)}, {@code [..., in] → [..., out]}: the activation that follows this layer, applied in the
     * product's epilogue ({@link Tensor#linear(Tensor, Tensor, FusedActivation)}). A forward hook on this layer sees
     * the product before the activation, exactly as for {@code act.apply(forward(x))}.
     */
    public Tensor forward(Tensor x, FusedActivation act) {
        ForwardCall call = enter(x);
        if (call != ForwardCall.NONE) {
            return act.apply(call.exit(x.linear(weight.value(), bias == null ? null : bias.value())));
        }
        return x.linear(weight.value(), bias == null ? null : bias.value(), act);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }
}
