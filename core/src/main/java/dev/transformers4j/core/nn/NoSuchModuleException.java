package dev.transformers4j.core.nn;

/** A module name or pattern that matches no module of the tree it was looked up in. */
public final class NoSuchModuleException extends IllegalArgumentException {

    public NoSuchModuleException(String message) {
        super(message);
    }
}
