package dev.transformers4j.figures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The picture formats, chosen by the output file's extension. */
public enum FigureFormat {
    PNG, SVG, HTML;

    /** {@code ".png"}. */
    public String extension() {
        return "." + name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format {@code file}'s extension names, among {@code supported} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the file and the extensions expected
     */
    public static FigureFormat of(Path file, FigureFormat... supported) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        for (FigureFormat f : supported) {
            if (f.extension().equals(ext)) {
                return f;
            }
        }
        String expected = Arrays.stream(supported).map(FigureFormat::extension).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(file + ": " + (ext.isEmpty() ? "no file extension" : "unknown extension '"
                + ext + "'") + " (expected " + expected + ")");
    }
}
