package dev.transformers4j.core.nn;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.core.Workspace;
import dev.transformers4j.core.autograd.Grad;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A building block with named parameters and named sub-modules, as {@code torch.nn.Module}: the dotted
 * path of a parameter ({@code encoder.layer.0.attention.self.query.weight}) is the name it has in a
 * Hugging Face checkpoint, so loading and saving are a walk over the tree.
 *
 * <p><b>Hooks.</b> {@link #registerForwardHook} and {@link #registerForwardPreHook} attach observers to the
 * modules whose dotted names match a pattern. Every {@code forward} begins with {@link #enter} and returns
 * through {@link ForwardCall#exit}: without hooks and outside inference that is one null check and no allocation.
 *
 * <p><b>Workspace.</b> In inference the same two calls open and close the forward's frame in the {@link Workspace}:
 * the operations inside take their arrays from it, and what the forward does not return is reused by the next
 * operation; the outermost forward's return value is handed to the caller. Model code does nothing for it.
 */
public abstract class Module {

    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private Module parent;                 // the module this one was first registered in; null for a root
    private String name = "";              // its name there
    private boolean training;
    private volatile ModuleHooks hooks;    // null when no hook is registered (the common case)
    private volatile long gradCache = -1;  // anyParameterNeedsGrad's answer and the Parameter epoch it holds for

    /** Registers a sub-module under its checkpoint name and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        if (children.put(name, module) != null) {
            throw new IllegalStateException("module '" + name + "' registered twice");
        }
        Module m = module;
        if (m.parent == null) {
            m.parent = this;
            m.name = name;
        }
        return module;
    }

    /**
     * The dotted path of this module under {@code ancestor} ({@code encoder.layer.3} under a {@code BertModel}),
     * {@code ""} for the ancestor itself: the name hooks and checkpoints use. A module registered under two names
     * (a tied one) has the path of its first registration.
     *
     * @throws IllegalArgumentException when {@code ancestor} is not above this module
     */
    public final String pathFrom(Module ancestor) {
        List<String> names = new ArrayList<>();
        for (Module m = this; m != ancestor; m = m.parent) {
            if (m.parent == null) {
                throw new IllegalArgumentException("module '" + String.join(".", names.reversed())
                        + "' is not inside the given ancestor");
            }
            names.add(m.name);
        }
        return String.join(".", names.reversed());
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

    /**
     * Multiplies the weight of every {@link Linear} and {@link Conv1D} in this module tree in {@code dtype} from now
     * on, for inference (int8: dynamic quantisation of the weights, symmetric per output channel, as PyTorch's
     * {@code quantize_dynamic}; bf16; float32 undoes it); returns this. The float32 values stay for training and
     * saving; loading new values resets a weight to float32.
     *
     * <p>{@link Embedding} tables too: a language model whose output layer is the token embedding read transposed
     * ({@code logits = h·Eᵀ}, GPT-2's tied {@code wte}, Marian's {@code shared}) multiplies by that table, the
     * largest matrix of a decoding step. The lookup itself always reads the float32 rows; a tied table is one
     * tensor, so it has one setting.
     */
    public final Module weightDType(WeightDType dtype) {
        forEachModule((path, m) -> {
            if (m instanceof Linear l) {
                l.weight().value().weightDType(dtype);
            } else if (m instanceof Conv1D c) {
                c.weight().value().weightDType(dtype);
            } else if (m instanceof Embedding e) {
                e.weight().value().weightDType(dtype);
            }
        });
        return this;
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

    /**
     * Calls {@code hook} after the forward of every module under this one whose dotted name (relative to this
     * module, {@code ""} being this module) matches {@code pattern} (a {@link ModulePattern} glob such as
     * {@code encoder.layer.*.attention.self}), as torch's {@code register_forward_hook}.
     *
     * @throws NoSuchModuleException when no module matches, naming the pattern and the nearest names
     */
    public final HookHandle registerForwardHook(String pattern, ForwardHook hook) {
        return HookRegistry.register(this, pattern, null, java.util.Objects.requireNonNull(hook, "hook"));
    }

    /** As {@link #registerForwardHook}, for a hook called before the forward ({@code register_forward_pre_hook}). */
    public final HookHandle registerForwardPreHook(String pattern, ForwardPreHook hook) {
        return HookRegistry.register(this, pattern, java.util.Objects.requireNonNull(hook, "hook"), null);
    }

    /** Whether a forward hook on this module or one of its ancestors will see what this module returns. */
    final boolean isWatched() {
        for (Module m = this; m != null; m = m.parent) {
            ModuleHooks h = m.hooks;
            if (h != null && h.hasForwardHooks()) {
                return true;
            }
        }
        return false;
    }

    ModuleHooks hooks() {
        return hooks;
    }

    void hooks(ModuleHooks h) {
        hooks = h;
    }

    /**
     * Starts a forward of one argument: opens its {@link Workspace} frame and runs the pre-hooks, if any. Return
     * through {@link ForwardCall#exit}.
     */
    protected final ForwardCall enter(Object a) {
        Workspace.Frame f = frame(a);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(f) : h.enter(this, f, a);
    }

    /** As {@link #enter(Object)} for a forward of two arguments. */
    protected final ForwardCall enter(Object a, Object b) {
        Workspace.Frame f = frame(a);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(f) : h.enter(this, f, a, b);
    }

    /** As {@link #enter(Object)} for a forward of two int arguments (boxed only when a hook needs them). */
    protected final ForwardCall enter(int a, int b) {
        Workspace.Frame f = frame(null);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(f) : h.enter(this, f, a, b);
    }

    /** As {@link #enter(Object)} for a forward of three arguments. */
    protected final ForwardCall enter(Object a, Object b, Object c) {
        Workspace.Frame f = frame(a);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(f) : h.enter(this, f, a, b, c);
    }

    /** As {@link #enter(Object)} for a forward of five arguments. */
    protected final ForwardCall enter(Object a, Object b, Object c, Object d, Object e) {
        Workspace.Frame f = frame(a);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(f) : h.enter(this, f, a, b, c, d, e);
    }

    /** As {@link #enter(Object)} for a forward of seven arguments. */
    protected final ForwardCall enter(Object a, Object b, Object c, Object d, Object e, Object f, Object g) {
        Workspace.Frame w = frame(a);
        ModuleHooks h = hooks;
        return h == null ? ForwardCall.of(w) : h.enter(this, w, a, b, c, d, e, f, g);
    }

    /**
     * This forward's frame in the {@link Workspace}: inside another forward on this thread, a frame of that one's
     * workspace; as the outermost forward, a new workspace when this is inference (evaluation mode, and nothing
     * would record a gradient); else null.
     */
    private Workspace.Frame frame(Object input) {
        Workspace.Frame f = Workspace.enter(this, parent == null);
        if (f == null && !training && !(Grad.isEnabled() && anyParameterNeedsGrad())) {
            f = Workspace.open(this, input);
        }
        return f;
    }

    /** Whether a parameter of this module or one below needs a gradient (cached until one is switched). */
    private boolean anyParameterNeedsGrad() {
        long epoch = Parameter.gradEpoch();
        long cached = gradCache;                                    // (epoch << 1) | answer, read once
        if (cached >= 0 && cached >>> 1 == epoch) {
            return (cached & 1) != 0;
        }
        boolean any = needsGrad();
        gradCache = epoch << 1 | (any ? 1 : 0);
        return any;
    }

    private boolean needsGrad() {
        for (Parameter p : parameters.values()) {
            if (p.needsGrad()) {
                return true;
            }
        }
        for (Module m : children.values()) {
            if (m.needsGrad()) {
                return true;
            }
        }
        return false;
    }
}
