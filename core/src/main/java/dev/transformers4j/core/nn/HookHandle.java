package dev.transformers4j.core.nn;

/**
 * Removes the hooks one registration put on its modules (torch's {@code RemovableHandle}). Removing twice does
 * nothing; {@link #close()} removes, so a hook can live for one {@code try} block.
 */
public interface HookHandle extends AutoCloseable {

    /** Stops the hooks of this registration from being called. */
    void remove();

    /** The dotted names of the modules the registration matched, in module order. */
    java.util.List<String> modules();

    @Override
    default void close() {
        remove();
    }
}
