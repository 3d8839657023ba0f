package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;

/** A lookup table {@code weight [num, dim]}: id {@code i} becomes row {@code i}, as {@code nn.Embedding}. */
public final class Embedding extends Module {

    private final Parameter weight;

    public Embedding(int num, int dim) {
        this.weight = parameter("weight", num, dim);
    }

    /** The rows for {@code ids}, shaped {@code idsShape + [dim]}. */
    public Tensor forward(int[] ids, int... idsShape) {
        return Tensor.embedding(weight.value(), ids, idsShape);
    }

    public Parameter weight() {
        return weight;
    }
}
