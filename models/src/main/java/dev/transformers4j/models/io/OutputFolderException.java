package dev.transformers4j.models.io;

import java.nio.file.Path;

/** An output folder that may not be written: it holds files this library did not write, or must never be replaced. */
public class OutputFolderException extends ModelFileException {

    private static final long serialVersionUID = 1L;

    public OutputFolderException(Path folder, String message) {
        super(folder, message);
    }

    public OutputFolderException(Path folder, String message, Throwable cause) {
        super(folder, message, cause);
    }
}
