package dev.transformers4j.train;

import dev.transformers4j.models.io.ModelFileException;
import java.nio.file.Path;

/**
 * A checkpoint that cannot be written or resumed from: the message names the checkpoint folder (or file) and
 * what is wrong with it. A failed write never leaves a half-written {@code checkpoint-N} folder behind.
 */
public final class CheckpointException extends ModelFileException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(Path path, String message) {
        super(path, message);
    }

    public CheckpointException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }
}
