package dev.transformers4j.tokenizers.train;

import java.nio.file.Path;

/**
 * A corpus file that cannot be trained on: missing, a folder, or not UTF-8. The message starts with
 * {@code FILE:LINE:} (or {@code FILE:} when no one line is at fault).
 */
public final class CorpusFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** @param line the 1-based line at fault, or 0 for the file as a whole */
    public CorpusFileException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line at fault, 0 when the problem is the whole file. */
    public long line() {
        return line;
    }
}
