package dev.transformers4j.figures;

import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 text: a UTF-8 document that starts with {@code <svg} (no XML declaration). */
public final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();

    public SvgCanvas(int width, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"").append(FONT_FAMILY).append(", sans-serif\">\n");
        rect(0, 0, width, height, 0xffffff);
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                x, y, w, h, color(rgb)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"/>%n",
                x1, y1, x2, y2, color(rgb), width));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int rgb, double width) {
        if (xs.length == 0) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(color(rgb)).append("\" stroke-width=\"")
                .append(String.format(Locale.ROOT, "%.2f", width)).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            svg.append(String.format(Locale.ROOT, i == 0 ? "%.2f,%.2f" : " %.2f,%.2f", xs[i], ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void circle(double x, double y, double r, int rgb) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>%n", x, y, r,
                color(rgb)));
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, int rgb) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" text-anchor=\"%s\" fill=\"%s\"",
                x, y, size, a, color(rgb)));
        if (vertical) {
            svg.append(String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y));
        }
        svg.append(" xml:space=\"preserve\">").append(escape(s)).append("</text>\n");
    }

    /** The finished document. */
    public String toSvg() {
        return svg + "</svg>\n";
    }

    private static String color(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }

    /** XML text: the five predefined entities, and control characters (not allowed in XML 1.0) as U+FFFD. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\ufffd' : c);
            }
        }
        return out.toString();
    }
}
