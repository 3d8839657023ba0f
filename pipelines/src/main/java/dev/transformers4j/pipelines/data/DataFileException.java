package dev.transformers4j.pipelines.data;

import java.nio.file.Path;

/**
 * A data file that cannot be used: missing, not UTF-8, or with a malformed row. The message starts with
 * {@code FILE:LINE:} (or {@code FILE:} when no one line is at fault), so the user can open the spot.
 */
public final class DataFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** @param line the 1-based line at fault, or 0 for the file as a whole */
    public DataFileException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line at fault, 0 when the problem is the whole file. */
    public int line() {
        return line;
    }
}
