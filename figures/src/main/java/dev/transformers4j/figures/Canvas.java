package dev.transformers4j.figures;

/**
 * The few drawing operations the figures need, in pixels with y down. {@link SvgCanvas} and {@link PngCanvas} draw
 * the same figure; text is measured once, with the same font, for both.
 */
public interface Canvas {

    /** Where a text's reference point is: its start, middle or end (along its baseline). */
    enum Anchor { START, MIDDLE, END }

    /** The font every figure uses. */
    String FONT_FAMILY = Fonts.FAMILY;

    void rect(double x, double y, double w, double h, int rgb);

    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    /** A polyline through the points {@code (xs[i], ys[i])}; nothing when there are none. */
    void polyline(double[] xs, double[] ys, int rgb, double width);

    /** A filled disc of radius {@code r} centred on {@code (x, y)}. */
    void circle(double x, double y, double r, int rgb);

    /**
     * A line of text; {@code vertical} turns it 90° counter-clockwise (reading bottom to top), anchored at
     * {@code (x, y)}.
     */
    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, int rgb);

    /** The width of {@code s} at {@code size} points. */
    static double textWidth(String s, double size) {
        return Fonts.width(s, size);
    }
}
