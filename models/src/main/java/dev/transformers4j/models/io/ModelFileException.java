package dev.transformers4j.models.io;

import java.nio.file.Path;

/**
 * A model file that cannot be used: missing, truncated, lying about its contents, or not matching the config.
 * The message names the file (and the tensor or field) and what was expected.
 */
public class ModelFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(Path file, String message) {
        super(file + ": " + message);
    }

    public ModelFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
