package dev.transformers4j.core.nn;

import java.util.List;

/**
 * Called after a module's forward, as {@code torch.nn.Module.register_forward_hook}: it sees the module's
 * dotted name, the module, the arguments its {@code forward} received (in order, {@code null} where an optional
 * argument was absent) and what it returned (a tensor, or a record such as {@link Attention.Result}). A hook
 * observes; it must not modify the tensors it is given.
 *
 * @see Module#registerForwardHook
 */
@FunctionalInterface
public interface ForwardHook {

    void afterForward(String name, Module module, List<Object> inputs, Object output);
}
