package dev.transformers4j.server;

/** The explorer cannot start: the address cannot be listened on, or a {@code --model} folder is unusable. */
public final class ExplorerServerException extends RuntimeException {

    public ExplorerServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExplorerServerException(String message) {
        super(message);
    }
}
