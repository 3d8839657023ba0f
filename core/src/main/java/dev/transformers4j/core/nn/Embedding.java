package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;

/**
 * A lookup table {@code weight [num, dim]}: id {@code i} becomes row {@code i}, as {@code nn.Embedding}. With a
 * padding index, that row never receives a gradient ({@code nn.Embedding(padding_idx=...)}).
 */
public final class Embedding extends Module {

    private final Parameter weight;
    private final int paddingIdx;

    public Embedding(int num, int dim) {
        this(num, dim, -1);
    }

    /** @param paddingIdx the row that is not trained, or -1 */
    public Embedding(int num, int dim, int paddingIdx) {
        this.weight = parameter("weight", num, dim);
        this.paddingIdx = paddingIdx;
    }

    /** The rows for {@code ids}, shaped {@code idsShape + [dim]}. */
    public Tensor forward(int[] ids, int... idsShape) {
        return enter(ids, idsShape).exit(Tensor.embedding(weight.value(), ids, idsShape, paddingIdx));
    }

    public Parameter weight() {
        return weight;
    }
}
