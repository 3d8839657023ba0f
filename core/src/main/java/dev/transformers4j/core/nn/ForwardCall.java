package dev.transformers4j.core.nn;

import java.util.List;

/**
 * One call of a module's forward, as seen by its hooks: {@link Module#enter} ran the pre-hooks and
 * {@link #exit} runs the forward hooks on the result and returns it unchanged. A module without forward hooks
 * gets the shared {@link #NONE}, whose {@code exit} only returns its argument.
 */
public final class ForwardCall {

    static final ForwardCall NONE = new ForwardCall(null, null, null);

    private final Module module;
    private final ModuleHooks hooks;
    private final List<Object> inputs;

    ForwardCall(Module module, ModuleHooks hooks, List<Object> inputs) {
        this.module = module;
        this.hooks = hooks;
        this.inputs = inputs;
    }

    /** Runs the forward hooks on {@code output} (if any) and returns {@code output}. */
    public <R> R exit(R output) {
        if (hooks != null) {
            hooks.exit(module, inputs, output);
        }
        return output;
    }
}
