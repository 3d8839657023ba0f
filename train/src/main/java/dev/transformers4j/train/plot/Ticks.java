package dev.transformers4j.train.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10^k chosen so that about {@code target} ticks cover the range,
 * and the axis range widened to whole steps.
 *
 * @param lo the axis start (a multiple of step)
 * @param hi the axis end (a multiple of step)
 */
record Ticks(double lo, double hi, double step) {

    static Ticks of(double min, double max, int target) {
        if (!(max > min)) {                                  // one value (or none): a unit range around it
            double c = Double.isFinite(min) ? min : 0;
            min = c - 0.5;
            max = c + 0.5;
        }
        double raw = (max - min) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        return new Ticks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
    }

    /** The tick values from lo to hi. */
    List<Double> values() {
        List<Double> out = new ArrayList<>();
        long n = Math.round((hi - lo) / step);
        for (long i = 0; i <= n; i++) {
            out.add(lo + i * step);
        }
        return out;
    }

    /** A tick label with as many decimals as the step needs. */
    String label(double v) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
