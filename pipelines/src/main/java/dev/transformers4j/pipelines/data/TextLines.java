package dev.transformers4j.pipelines.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file as one text per line, as Python reads it: strict UTF-8 ({@link TextFiles}), {@code \n}, {@code \r\n} and
 * {@code \r} all end a line, a last line without an end still counts, and empty lines are kept (line i of one file
 * belongs with line i of another).
 */
public final class TextLines {

    private TextLines() {
    }

    /** The lines of {@code file}, without their line ends. */
    public static List<String> read(Path file) {
        return split(TextFiles.read(file));
    }

    /** The lines of {@code text}: "a\nb" and "a\nb\n" both have two, "" has none, "\n" one (empty). */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
