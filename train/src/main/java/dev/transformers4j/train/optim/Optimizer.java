package dev.transformers4j.train.optim;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their accumulated gradients, as {@code torch.optim.Optimizer}: {@link #step()} visits
 * every parameter that has a gradient (parameters without one are skipped, state and all, as in PyTorch) and
 * hands its values and gradient, as flat float arrays, to {@link #update}. The learning rate is set before
 * each step by the schedule ({@link #setLearningRate}).
 */
public abstract class Optimizer {

    private final List<ParamGroup> groups;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private double learningRate;

    protected Optimizer(List<ParamGroup> groups, double learningRate) {
        this.groups = List.copyOf(groups);
        for (ParamGroup g : this.groups) {
            g.parameters().forEach((name, p) -> {
                if (parameters.put(name, p) != null) {
                    throw new IllegalArgumentException("parameter '" + name + "' is in more than one group");
                }
            });
        }
        setLearningRate(learningRate);
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        for (ParamGroup g : groups) {
            g.parameters().forEach((name, p) -> {
                Tensor grad = p.grad();
                if (grad != null) {
                    Tensor w = ownedContiguous(name, p);
                    Tensor gc = grad.contiguous();
                    update(name, w.data(), w.offset(), gc.data(), gc.offset(), w.numel(), g.weightDecay());
                }
            });
        }
    }

    /**
     * Updates {@code n} values of one parameter in place.
     *
     * @param name        the parameter's name (the key of its state)
     * @param w           values, from {@code wOff}
     * @param g           gradient ∂L/∂w, from {@code gOff}
     * @param weightDecay λ of the parameter's group
     */
    protected abstract void update(String name, float[] w, int wOff, float[] g, int gOff, int n, double weightDecay);

    /** The state (step counts and moment buffers) for a checkpoint. */
    public abstract OptimizerState state();

    /**
     * Restores a state saved by {@link #state()} from an optimizer of the same type over the same parameters.
     *
     * @throws IllegalArgumentException when the type differs or a buffer names an unknown parameter or has the
     *                                  wrong size
     */
    public abstract void loadState(OptimizerState state);

    /** Clears every parameter's gradient. */
    public final void zeroGrad() {
        parameters.values().forEach(Parameter::zeroGrad);
    }

    /** The learning rate of the next step. */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate of every group (a schedule calls this before each step). */
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate: expected a finite value >= 0 but was " + lr);
        }
        learningRate = lr;
    }

    public final List<ParamGroup> groups() {
        return groups;
    }

    /** Every parameter of every group, by name. */
    public final Map<String, Parameter> parameters() {
        return java.util.Collections.unmodifiableMap(parameters);
    }

    /** The parameter's size, or an error naming it when a state buffer does not fit. */
    protected final int sizeOf(String name, float[] buffer) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("optimizer state names parameter '" + name
                    + "' which this optimizer does not train");
        }
        int n = p.value().numel();
        if (buffer != null && buffer.length != n) {
            throw new IllegalArgumentException("optimizer state for '" + name + "' has " + buffer.length
                    + " values but the parameter has " + n);
        }
        return n;
    }

    /** The parameter's value, made contiguous and not shared so that it can be updated in place. */
    private static Tensor ownedContiguous(String name, Parameter p) {
        Tensor w = p.value();
        if (!w.isContiguous() || w.data().length != w.numel()) {
            p.set(name, Tensor.of(w.toArray(), w.shape()));
        }
        return p.value();
    }
}
