package dev.transformers4j.core.nn;

import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;

/**
 * A learnable tensor of fixed shape, owned by a {@link Module}. The shape comes from the config; loading a
 * checkpoint replaces the value after checking that the stored tensor has exactly that shape.
 *
 * <p>The value is a leaf of the autograd graph. Parameters start frozen ({@code requiresGrad} false, unlike
 * PyTorch) so that inference records nothing; {@link Module#requiresGrad(boolean)} turns training on, after
 * which {@link Tensor#backward()} accumulates {@code ∂L/∂value} into {@link #grad()}.
 */
public final class Parameter {

    private static volatile long gradEpoch;   // counts requiresGrad switches, so modules can cache "any needs grad"

    private final int[] shape;
    private Tensor value;
    private boolean requiresGrad;

    public Parameter(int... shape) {
        this.shape = shape.clone();
        this.value = Tensor.zeros(shape);                 // a plain array: never from a forward's workspace
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
     * Replaces the value (loading, or an optimizer step); the new value becomes the leaf, without a gradient.
     *
     * @throws IllegalArgumentException when the shape differs, naming {@code what}
     */
    public void set(String what, Tensor t) {
        Shape.check(what, shape, t.shape());
        Tensor leaf = t.isLeaf() ? t : t.detach();
        this.value = requiresGrad ? leaf.requiresGrad(true) : leaf;
    }

    /** Whether backward computes this parameter's gradient. */
    public boolean needsGrad() {
        return requiresGrad;
    }

    /** Sets whether backward computes this parameter's gradient. */
    public void requiresGrad(boolean on) {
        requiresGrad = on;
        value.requiresGrad(on);
        gradEpoch++;
    }

    /** A number that changes whenever a parameter's {@code requiresGrad} is switched. */
    static long gradEpoch() {
        return gradEpoch;
    }

    /** {@code ∂L/∂value} accumulated by backward, or null when there is none yet. */
    public Tensor grad() {
        return value.grad();
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        value.zeroGrad();
    }
}
