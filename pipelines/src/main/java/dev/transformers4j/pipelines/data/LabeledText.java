package dev.transformers4j.pipelines.data;

import java.nio.file.Path;

/**
 * One row of a classification file as written: the text and its label (a class number such as {@code 1}
 * or a name such as {@code positive}), with where it came from for error messages.
 */
public record LabeledText(String text, String label, Path file, int line) {

    /** {@code FILE:LINE}. */
    public String where() {
        return file + ":" + line;
    }
}
