package dev.transformers4j.train.plot;

/**
 * One line of a plot: points {@code (x[i], y[i])}, drawn in {@code color} ({@code "#1f77b4"}); non-finite
 * y values are skipped.
 */
public record Series(String name, double[] x, double[] y, String color) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
    }
}
