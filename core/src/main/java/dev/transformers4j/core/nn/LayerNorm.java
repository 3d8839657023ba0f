package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;

/**
 * Layer normalisation over the last dimension (Ba et al., 2016), as {@code nn.LayerNorm}:
 * {@code y = (x − mean) / sqrt(var + eps) · weight + bias}.
 */
public final class LayerNorm extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    public LayerNorm(int size, double eps) {
        this.weight = parameter("weight", size);
        this.bias = parameter("bias", size);
        this.eps = (float) eps;
        weight.set("weight", Tensor.full(1f, size));
    }

    public Tensor forward(Tensor x) {
        return enter(x).exit(x.layerNorm(weight.value(), bias.value(), eps));
    }
}
