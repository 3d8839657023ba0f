package dev.transformers4j.figures;

/**
 * One line of a {@link LineChart}: the points {@code (x[i], y[i])} drawn in {@code rgb} ({@link ColorScale#series});
 * a point with a coordinate its axis cannot show (not finite, or ≤ 0 on a log axis) is left out. A series with an
 * empty name is not in the legend.
 */
public record Series(String name, double[] x, double[] y, int rgb) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    /** Points at x = 0, 1, 2, …: one per name of a named x axis. */
    public static Series of(String name, double[] y, int rgb) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Series(name, x, y, rgb);
    }
}
