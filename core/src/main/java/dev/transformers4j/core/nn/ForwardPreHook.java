package dev.transformers4j.core.nn;

import java.util.List;

/**
 * Called before a module's forward, as {@code torch.nn.Module.register_forward_pre_hook}: it sees the module's
 * dotted name, the module and the arguments its {@code forward} received (in order, {@code null} where an
 * optional argument was absent). A hook observes; it must not modify the tensors it is given.
 *
 * @see Module#registerForwardPreHook
 */
@FunctionalInterface
public interface ForwardPreHook {

    void beforeForward(String name, Module module, List<Object> inputs);
}
