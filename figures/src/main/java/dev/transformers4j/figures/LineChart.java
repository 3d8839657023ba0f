package dev.transformers4j.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * A line chart: a title, two axes with ticks and grid lines, one line per series (with a dot on each point when
 * there are few), and a legend of the named series in the top right corner. A figure of its own ({@link #write}),
 * or a panel of a larger one ({@link #drawAt}).
 *
 * @param title  centred above the plot; {@code ""} for none
 * @param width  the chart's width, pixels
 * @param height the chart's height, pixels
 */
public record LineChart(String title, Axis x, Axis y, List<Series> series, int width, int height) implements Figure {

    /** The size of a chart drawn on its own. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 440;

    private static final int DOTS_UP_TO = 60;
    private static final double TICK_FONT = 10;
    private static final double LABEL_FONT = 11.5;
    private static final double TITLE_FONT = 13;
    private static final int INK = 0x202020;
    private static final int MUTED = 0x404040;
    private static final int GRID = 0xe6e6e6;
    private static final int AXIS = 0x808080;

    public LineChart {
        series = List.copyOf(series);
        if (width < 80 || height < 80) {
            throw new IllegalArgumentException("line chart '" + title + "': " + width + " × " + height
                    + " pixels is too small (at least 80 × 80)");
        }
    }

    /** A chart of {@value #WIDTH} × {@value #HEIGHT} pixels. */
    public LineChart(String title, Axis x, Axis y, List<Series> series) {
        this(title, x, y, series, WIDTH, HEIGHT);
    }

    @Override
    public void draw(Canvas c) {
        drawAt(c, 0, 0);
    }

    /** Draws the chart with its top left corner at {@code (left, top)}. */
    public void drawAt(Canvas c, double left, double top) {
        double plotTop = top + (title.isEmpty() ? 12 : 34);
        double plotHeight = top + height - (x.label().isEmpty() ? 24 : 46) - plotTop;
        Ticks yt = y.ticks(min(false), max(false), (int) Math.max(2, Math.min(6, plotHeight / 40)));
        double plotLeft = left + 8 + (y.label().isEmpty() ? 0 : 20) + widest(y, yt) + 6;
        Area a = new Area(plotLeft, plotTop, left + width - 24 - plotLeft, plotHeight);
        Ticks xt = x.ticks(min(true), max(true), xTarget(a.w()));
        if (!title.isEmpty()) {
            c.text(a.x() + a.w() / 2, top + 22, title, TITLE_FONT, Canvas.Anchor.MIDDLE, false, INK);
        }
        xAxis(c, a, xt);
        yAxis(c, a, yt, left);
        for (Series s : series) {
            line(c, a, xt, yt, s);
        }
        legend(c, a);
    }

    /** The region of the plot inside the axes. */
    private record Area(double x, double y, double w, double h) {

        /** The pixel column {@code f} of the way from the left edge to the right one. */
        double px(double f) {
            return x + f * w;
        }

        /** The pixel row {@code f} of the way from the bottom edge up to the top one. */
        double py(double f) {
            return y + h - f * h;
        }
    }

    private int xTarget(double plotWidth) {
        if (x.names().isEmpty()) {
            return (int) Math.max(2, Math.min(10, plotWidth / 80));
        }
        double widest = x.names().stream().mapToDouble(n -> Canvas.textWidth(n, TICK_FONT)).max().orElse(0);
        return (int) Math.max(1, plotWidth / (widest + 10));
    }

    private void xAxis(Canvas c, Area a, Ticks xt) {
        for (double u : xt.values()) {
            double px = a.px(xt.at(u));
            c.line(px, a.y(), px, a.y() + a.h(), GRID, 1);
            c.text(px, a.y() + a.h() + 15, x.tickLabel(xt, u), TICK_FONT, Canvas.Anchor.MIDDLE, false, MUTED);
        }
        c.line(a.x(), a.y() + a.h(), a.x() + a.w(), a.y() + a.h(), AXIS, 1);
        if (!x.label().isEmpty()) {
            c.text(a.x() + a.w() / 2, a.y() + a.h() + 36, x.label(), LABEL_FONT, Canvas.Anchor.MIDDLE, false, INK);
        }
    }

    private void yAxis(Canvas c, Area a, Ticks yt, double left) {
        for (double u : yt.values()) {
            double py = a.py(yt.at(u));
            c.line(a.x(), py, a.x() + a.w(), py, GRID, 1);
            c.text(a.x() - 6, py + 3.5, y.tickLabel(yt, u), TICK_FONT, Canvas.Anchor.END, false, MUTED);
        }
        c.line(a.x(), a.y(), a.x(), a.y() + a.h(), AXIS, 1);
        if (!y.label().isEmpty()) {
            c.text(left + 20, a.y() + a.h() / 2, y.label(), LABEL_FONT, Canvas.Anchor.MIDDLE, true, INK);
        }
    }

    private void line(Canvas c, Area a, Ticks xt, Ticks yt, Series s) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            if (x.accepts(s.x()[i]) && y.accepts(s.y()[i])) {
                points.add(new double[] {a.px(xt.fraction(s.x()[i])), a.py(yt.fraction(s.y()[i]))});
            }
        }
        c.polyline(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(),
                s.rgb(), 1.8);
        for (int i = 0; points.size() <= DOTS_UP_TO && i < points.size(); i++) {
            c.circle(points.get(i)[0], points.get(i)[1], 2.8, s.rgb());
        }
    }

    /** A box in the top right corner: a short line in each named series' colour, and its name. */
    private void legend(Canvas c, Area a) {
        List<Series> named = series.stream().filter(s -> !s.name().isEmpty()).toList();
        if (named.isEmpty()) {
            return;
        }
        double textWidth = named.stream().mapToDouble(s -> Canvas.textWidth(s.name(), TICK_FONT + 1)).max().orElse(0);
        double w = 8 + 22 + 6 + textWidth + 10;
        double h = 8 + 17 * named.size();
        double bx = a.x() + a.w() - w - 8;
        double by = a.y() + 8;
        c.rect(bx, by, w, h, 0xd0d0d0);
        c.rect(bx + 1, by + 1, w - 2, h - 2, 0xffffff);
        for (int i = 0; i < named.size(); i++) {
            double ly = by + 4 + 17 * i + 12;
            c.line(bx + 8, ly - 4, bx + 30, ly - 4, named.get(i).rgb(), 2.5);
            c.text(bx + 36, ly, named.get(i).name(), TICK_FONT + 1, Canvas.Anchor.START, false, INK);
        }
    }

    private static double widest(Axis axis, Ticks t) {
        return t.values().stream().mapToDouble(u -> Canvas.textWidth(axis.tickLabel(t, u), TICK_FONT)).max().orElse(0);
    }

    private double min(boolean ofX) {
        return values(ofX).min().orElse(Double.NaN);
    }

    private double max(boolean ofX) {
        return values(ofX).max().orElse(Double.NaN);
    }

    /** The values along one axis that it can show. */
    private DoubleStream values(boolean ofX) {
        Axis axis = ofX ? x : y;
        return series.stream().flatMapToDouble(s -> Arrays.stream(ofX ? s.x() : s.y())).filter(axis::accepts);
    }
}
