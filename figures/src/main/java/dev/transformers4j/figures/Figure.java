package dev.transformers4j.figures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A picture drawn on a {@link Canvas} of a known size, written as PNG or SVG. */
public interface Figure {

    int width();

    int height();

    void draw(Canvas c);

    /** The figure as an SVG document. */
    default String toSvg() {
        SvgCanvas c = new SvgCanvas(width(), height());
        draw(c);
        return c.toSvg();
    }

    /** The figure as a PNG image. */
    default byte[] toPng() {
        PngCanvas c = new PngCanvas(width(), height());
        draw(c);
        return c.toPng();
    }

    /**
     * Writes the figure to {@code file} (atomically) in the format its extension names: {@code .png} or {@code .svg}.
     *
     * @throws IllegalArgumentException for any other extension
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    default void write(Path file) {
        byte[] bytes = switch (FigureFormat.of(file, FigureFormat.PNG, FigureFormat.SVG)) {
            case PNG -> toPng();
            case SVG -> toSvg().getBytes(StandardCharsets.UTF_8);
            case HTML -> throw new IllegalStateException("unreachable");
        };
        FigureFiles.write(file, bytes);
    }
}
