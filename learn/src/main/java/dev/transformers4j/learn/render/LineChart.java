package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Canvas;
import java.util.List;
import java.util.Locale;

/**
 * One small line chart: a title, labelled points along x, a y axis with about five round ticks.
 *
 * @param title   above the plot
 * @param xLabels one label per point
 * @param values  one value per point
 * @param yMin    the bottom of the y axis (the top is the largest value, rounded up to a tick)
 */
record LineChart(String title, List<String> xLabels, double[] values, double yMin) {

    static final double WIDTH = 340;
    static final double HEIGHT = 230;
    private static final double LEFT = 46;
    private static final double BOTTOM = 30;
    private static final double TOP = 24;
    private static final int LINE = 0x2171b5;

    /** Draws the chart with its top-left corner at {@code (x, y)}, {@link #WIDTH} × {@link #HEIGHT}. */
    void draw(Canvas c, double x, double y) {
        c.text(x + LEFT, y + 14, title, 12, Canvas.Anchor.START, false, 0x202020);
        double step = niceStep(yMax() - yMin);
        double top = Math.ceil(yMax() / step - 1e-9) * step;
        double bottom = Math.floor(yMin / step + 1e-9) * step;
        double px = x + LEFT;
        double py = y + TOP;
        double w = WIDTH - LEFT - 8;
        double h = HEIGHT - TOP - BOTTOM;
        for (double v = bottom; v <= top + step / 2; v += step) {
            double ty = py + h - (v - bottom) / (top - bottom) * h;
            c.line(px, ty, px + w, ty, 0xe0e0e0, 0.8);
            c.text(px - 5, ty + 3.5, String.format(Locale.ROOT, step < 0.1 ? "%.2f" : step < 1 ? "%.1f" : "%.0f", v),
                    9.5, Canvas.Anchor.END, false, 0x404040);
        }
        double[] xs = new double[values.length];
        double[] ys = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            xs[i] = px + (values.length == 1 ? w / 2 : i * w / (values.length - 1));
            ys[i] = py + h - (values[i] - bottom) / (top - bottom) * h;
            c.text(xs[i], py + h + 14, xLabels.get(i), 9.5, Canvas.Anchor.MIDDLE, false, 0x404040);
        }
        c.line(px, py + h, px + w, py + h, 0x808080, 1);
        c.polyline(xs, ys, LINE, 2);
        for (int i = 0; i < xs.length; i++) {
            c.rect(xs[i] - 2.5, ys[i] - 2.5, 5, 5, LINE);
        }
    }

    private double yMax() {
        double max = yMin;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max == yMin ? yMin + 1 : max;
    }

    /** 1, 2 or 5 times a power of ten, giving about five ticks over {@code range}. */
    static double niceStep(double range) {
        double raw = range / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }
}
