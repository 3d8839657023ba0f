package dev.transformers4j.core.nn;

import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.Tensor;

/**
 * GPT-2's "Conv1D": a linear layer whose weight is stored transposed, {@code weight [in, out]},
 * so {@code y = x·W + b} (HF keeps the layout of the original TensorFlow checkpoint).
 */
public final class Conv1D extends Module {

    private final Parameter weight;
    private final Parameter bias;

    public Conv1D(int in, int out) {
        this.weight = parameter("weight", in, out);
        this.bias = parameter("bias", out);
    }

    /** {@code [..., in] → [..., out]}. */
    public Tensor forward(Tensor x) {
        return enter(x).exit(x.linearInOut(weight.value(), bias.value()));
    }

    /**
     * {@code act(x·W + b)}, {@code [..., in] → [..., out]}, the activation applied in the product's epilogue; a
     * forward hook on this layer sees the product before the activation (as {@link Linear#forward(Tensor,
     * FusedActivation)}).
     */
    public Tensor forward(Tensor x, FusedActivation act) {
        ForwardCall call = enter(x);
        if (call != ForwardCall.NONE) {
            return act.apply(call.exit(x.linearInOut(weight.value(), bias.value())));
        }
        return x.linearInOut(weight.value(), bias.value(), act);
    }

    public Parameter weight() {
        return weight;
    }
}
