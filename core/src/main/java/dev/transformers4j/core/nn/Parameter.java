package dev.transformers4j.core.nn;

import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;

/**
 * A learnable tensor of fixed shape, owned by a {@link Module}. The shape comes from the config; loading a
 * checkpoint replaces the value after checking that the stored tensor has exactly that shape.
 */
public final class Parameter {

    private final int[] shape;
    private Tensor value;

    public Parameter(int... shape) {
        this.shape = shape.clone();
        this.value = Tensor.zeros(shape);
    }

    /** The current value. */
    public Tensor value() {
        return value;
    }

    /** The shape the config asks for. */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Replaces the value.
     *
     * @throws IllegalArgumentException when the shape differs, naming {@code what}
     */
    public void set(String what, Tensor t) {
        Shape.check(what, shape, t.shape());
        this.value = t;
    }
}
