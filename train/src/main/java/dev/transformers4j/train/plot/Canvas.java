package dev.transformers4j.train.plot;

/** Where a {@link LinePlot} draws: SVG text or a PNG image. Coordinates in pixels, y down. */
interface Canvas {

    /** Horizontal text alignment. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, String color, double width);

    void polyline(double[] xs, double[] ys, String color, double width);

    void dot(double x, double y, double radius, String color);

    void text(double x, double y, String text, Anchor anchor, int size, boolean vertical);
}
