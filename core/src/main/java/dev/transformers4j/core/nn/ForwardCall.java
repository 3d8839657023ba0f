package dev.transformers4j.core.nn;

import dev.transformers4j.core.Workspace;
import java.util.List;

/**
 * One call of a module's forward, as seen by its hooks: {@link Module#enter} ran the pre-hooks and
 * {@link #exit} runs the forward hooks on the result, closes the forward's {@link Workspace} frame and returns the
 * result unchanged. A module without forward hooks outside the workspace gets the shared {@link #NONE}, whose
 * {@code exit} only returns its argument.
 */
public final class ForwardCall {

    static final ForwardCall NONE = new ForwardCall(null, null, null, null);

    private final Module module;
    private final ModuleHooks hooks;
    private final List<Object> inputs;
    private final Workspace.Frame frame;

    ForwardCall(Module module, ModuleHooks hooks, List<Object> inputs, Workspace.Frame frame) {
        this.module = module;
        this.hooks = hooks;
        this.inputs = inputs;
        this.frame = frame;
    }

    /** The call of a module without forward hooks: {@link #NONE} outside the workspace. */
    static ForwardCall of(Workspace.Frame frame) {
        return frame == null ? NONE : new ForwardCall(null, null, null, frame);
    }

    /** Runs the forward hooks on {@code output} (if any), closes the workspace frame and returns {@code output}. */
    public <R> R exit(R output) {
        if (hooks != null) {
            Workspace.escapeAll();                      // a hook may keep what it is shown
            hooks.exit(module, inputs, output);
        }
        if (frame != null) {
            frame.close(output);
        }
        return output;
    }
}
