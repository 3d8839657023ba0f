package dev.transformers4j.figures;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures' colours. Weights in [0, 1]: ColorBrewer's sequential "Blues" (white for 0, dark blue for 1),
 * interpolated linearly, so equal steps of weight look like equal steps of colour; masked cells (never attended to:
 * above the diagonal of a causal map) are a neutral grey. The lines of a chart: {@link #series}, the ten colours of
 * Tableau 10 (matplotlib's default cycle), so the first line is blue and the second orange.
 */
public final class ColorScale {

    /** The colour of a masked cell. */
    public static final int MASKED = 0xe4e4e4;

    private static final int[] STOPS = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5,
        0x08519c, 0x08306b};

    private static final int[] SERIES = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private ColorScale() {
    }

    /** The colour of the {@code i}-th line of a chart (from 0), repeating after ten. */
    public static int series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** The colour of weight {@code w}, clamped to [0, 1]. */
    public static int of(double w) {
        double x = Math.max(0, Math.min(1, Double.isNaN(w) ? 0 : w)) * (STOPS.length - 1);
        int i = Math.min((int) x, STOPS.length - 2);
        double f = x - i;
        return mix(STOPS[i], STOPS[i + 1], f);
    }

    /** Black text on light cells, white on dark ones. */
    public static int textOn(int rgb) {
        double luma = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
        return luma < 140 ? 0xffffff : 0x000000;
    }

    private static int mix(int a, int b, double f) {
        int r = (int) Math.round((a >> 16 & 0xff) * (1 - f) + (b >> 16 & 0xff) * f);
        int g = (int) Math.round((a >> 8 & 0xff) * (1 - f) + (b >> 8 & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return r << 16 | g << 8 | bl;
    }

    /** The stops as CSS colours ({@code "#f7fbff"}), for the HTML page. */
    public static List<String> cssStops() {
        List<String> out = new ArrayList<>();
        for (int stop : STOPS) {
            out.add(String.format("#%06x", stop));
        }
        return out;
    }
}
