package dev.transformers4j.core.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A building block with named parameters and named sub-modules, as {@code torch.nn.Module}: the dotted
 * path of a parameter ({@code encoder.layer.0.attention.self.query.weight}) is the name it has in a
 * Hugging Face checkpoint, so loading and saving are a walk over the tree.
 */
public abstract class Module {

    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private boolean training;

    /** Registers a sub-module under its checkpoint name and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        if (children.put(name, module) != null) {
            throw new IllegalStateException("module '" + name + "' registered twice");
        }
        return module;
    }

    /** Creates and registers a parameter of the given shape. */
    protected final Parameter parameter(String name, int... shape) {
        Parameter p = new Parameter(shape);
        if (parameters.put(name, p) != null) {
            throw new IllegalStateException("parameter '" + name + "' registered twice");
        }
        return p;
    }

    /** The direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Visits every parameter with its full dotted name. Shared (tied) parameters are visited once per path. */
    public final void forEachParameter(BiConsumer<String, Parameter> visitor) {
        forEachParameter("", visitor);
    }

    private void forEachParameter(String prefix, BiConsumer<String, Parameter> visitor) {
        parameters.forEach((name, p) -> visitor.accept(prefix + name, p));
        children.forEach((name, m) -> m.forEachParameter(prefix + name + ".", visitor));
    }

    /** Visits every module with its dotted path ({@code ""} for this one). */
    public final void forEachModule(BiConsumer<String, Module> visitor) {
        forEachModule("", visitor);
    }

    private void forEachModule(String path, BiConsumer<String, Module> visitor) {
        visitor.accept(path, this);
        children.forEach((name, m) -> m.forEachModule(path.isEmpty() ? name : path + "." + name, visitor));
    }

    /** Every parameter by its full name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        forEachParameter(out::put);
        return out;
    }

    /** The number of scalar parameters (each shared tensor counted once). */
    public final long parameterCount() {
        Map<Parameter, Boolean> seen = new java.util.IdentityHashMap<>();
        long[] n = {0};
        forEachParameter((name, p) -> {
            if (seen.put(p, Boolean.TRUE) == null) {
                n[0] += p.value().numel();
            }
        });
        return n[0];
    }

    /**
     * Sets training mode on this module and every sub-module: {@link Dropout} is active only in training mode.
     * Modules start in evaluation mode (as HF's {@code from_pretrained} returns them). Returns this.
     */
    public final Module train(boolean on) {
        forEachModule((path, m) -> m.training = on);
        return this;
    }

    /** {@code train(true)}. */
    public final Module train() {
        return train(true);
    }

    /** {@code train(false)}: dropout off, as for inference and HF's gradient fixtures. */
    public final Module eval() {
        return train(false);
    }

    /** Whether this module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Sets whether every parameter collects a gradient (see {@link Parameter}). Returns this. */
    public final Module requiresGrad(boolean on) {
        forEachParameter((name, p) -> p.requiresGrad(on));
        return this;
    }

    /** Clears every parameter's accumulated gradient. */
    public final void zeroGrad() {
        forEachParameter((name, p) -> p.zeroGrad());
    }
}
