package dev.transformers4j.train.plot;

import java.nio.file.Path;
import java.util.List;

/**
 * A line chart with a title, labelled axes with ticks, and a legend: drawn once ({@link #draw}) onto either
 * canvas, so {@link #writeSvg} and {@link #writePng} show the same picture.
 */
public record LinePlot(String title, String xLabel, String yLabel, List<Series> series) {

    static final int WIDTH = 720;
    static final int HEIGHT = 440;
    private static final double LEFT = 70;
    private static final double RIGHT = 20;
    private static final double TOP = 40;
    private static final double BOTTOM = 55;

    public LinePlot {
        series = List.copyOf(series);
    }

    /** Writes the plot as an SVG file (atomically). */
    public void writeSvg(Path file) {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        draw(c);
        c.write(file);
    }

    /** Writes the plot as a PNG file (atomically), drawn headless with Java2D. */
    public void writePng(Path file) {
        PngCanvas c = new PngCanvas(WIDTH, HEIGHT);
        draw(c);
        c.write(file);
    }

    void draw(Canvas c) {
        Ticks xt = Ticks.of(min(true), max(true), 8);
        Ticks yt = Ticks.of(min(false), max(false), 6);
        double w = WIDTH - LEFT - RIGHT;
        double h = HEIGHT - TOP - BOTTOM;
        c.text(WIDTH / 2.0, 24, title, Canvas.Anchor.MIDDLE, 16, false);
        for (double v : xt.values()) {                                         // x ticks and grid
            double px = LEFT + (v - xt.lo()) / (xt.hi() - xt.lo()) * w;
            c.line(px, TOP, px, TOP + h, "#e5e5e5", 1);
            c.text(px, TOP + h + 16, xt.label(v), Canvas.Anchor.MIDDLE, 11, false);
        }
        for (double v : yt.values()) {                                         // y ticks and grid
            double py = TOP + h - (v - yt.lo()) / (yt.hi() - yt.lo()) * h;
            c.line(LEFT, py, LEFT + w, py, "#e5e5e5", 1);
            c.text(LEFT - 6, py + 4, yt.label(v), Canvas.Anchor.END, 11, false);
        }
        c.line(LEFT, TOP + h, LEFT + w, TOP + h, "#000000", 1);               // axes
        c.line(LEFT, TOP, LEFT, TOP + h, "#000000", 1);
        c.text(LEFT + w / 2, HEIGHT - 14, xLabel, Canvas.Anchor.MIDDLE, 12, false);
        c.text(18, TOP + h / 2, yLabel, Canvas.Anchor.MIDDLE, 12, true);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            drawSeries(c, s, xt, yt, w, h);
            double ly = TOP + 14 + 16 * i;                                     // legend, top right
            c.line(LEFT + w - 130, ly - 4, LEFT + w - 110, ly - 4, s.color(), 2.5);
            c.text(LEFT + w - 104, ly, s.name(), Canvas.Anchor.START, 11, false);
        }
    }

    private static void drawSeries(Canvas c, Series s, Ticks xt, Ticks yt, double w, double h) {
        int n = 0;
        double[] xs = new double[s.x().length];
        double[] ys = new double[s.x().length];
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.y()[i])) {
                xs[n] = LEFT + (s.x()[i] - xt.lo()) / (xt.hi() - xt.lo()) * w;
                ys[n++] = TOP + h - (s.y()[i] - yt.lo()) / (yt.hi() - yt.lo()) * h;
            }
        }
        c.polyline(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), s.color(), 1.8);
        for (int i = 0; n <= 60 && i < n; i++) {                               // few points: mark each one
            c.dot(xs[i], ys[i], 3, s.color());
        }
    }

    private double min(boolean x) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(x ? s.x() : s.y()))
                .filter(Double::isFinite).min().orElse(0);
    }

    private double max(boolean x) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(x ? s.x() : s.y()))
                .filter(Double::isFinite).max().orElse(1);
    }
}
