package dev.transformers4j.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticks of one axis, and where a value sits along it. On a linear axis the ticks are "nice" steps of 1, 2 or
 * 5 × 10^k, the range widened to whole steps; on a log axis they are the powers of ten (and 2 and 5 times them when
 * the range spans at most two decades), the range widened to whole decades.
 *
 * @param lo   the axis start, in axis units: the value, or its log10 on a log axis
 * @param hi   the axis end, in axis units
 * @param step the distance between ticks, in axis units
 * @param log  whether axis units are log10 of the values
 */
record Ticks(double lo, double hi, double step, boolean log) {

    /** About {@code target} ticks over [min, max]; one value (or none) gets a unit range around it. */
    static Ticks linear(double min, double max, int target) {
        if (!(max > min)) {
            double c = Double.isFinite(min) ? min : 0;
            min = c - 0.5;
            max = c + 0.5;
        }
        double step = niceStep(max - min, target);
        return new Ticks(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, step, false);
    }

    /** Whole decades around [min, max] (both above 0), at most about eight of them labelled. */
    static Ticks log(double min, double max) {
        if (!(min > 0 && max >= min)) {
            min = 1;
            max = 10;
        }
        double lo = Math.floor(Math.log10(min) + 1e-9);
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max) - 1e-9));
        double step = Math.ceil((hi - lo) / 8);
        return new Ticks(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step, true);
    }

    /** The step of 1, 2 or 5 × 10^k nearest to {@code range / target}. */
    static double niceStep(double range, int target) {
        double raw = range / target;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    /** The ticks from lo to hi, in axis units. */
    List<Double> values() {
        List<Double> out = new ArrayList<>();
        long n = (long) Math.floor((hi - lo) / step + 1e-6);
        for (long i = 0; i <= n; i++) {
            double u = lo + i * step;
            out.add(Math.abs(u) < step * 1e-9 ? 0 : u);
            if (log && hi - lo <= 2 && i < n) {
                out.add(u + Math.log10(2));
                out.add(u + Math.log10(5));
            }
        }
        return out;
    }

    /** Where the value {@code v} sits: 0 at lo, 1 at hi. */
    double fraction(double v) {
        return at(log ? Math.log10(v) : v);
    }

    /** Where {@code u}, in axis units, sits: 0 at lo, 1 at hi. */
    double at(double u) {
        return (u - lo) / (hi - lo);
    }

    /** The label of the tick at {@code u} (axis units), with as many decimals as the step needs. */
    String label(double u) {
        if (!log) {
            return String.format(Locale.ROOT, "%." + decimals(step) + "f", u);
        }
        double v = Math.pow(10, u);
        int e = (int) Math.floor(u + 1e-9);
        if (e < -4 || e > 5) {
            return String.format(Locale.ROOT, "%.0e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
        }
        return String.format(Locale.ROOT, "%." + decimals(Math.pow(10, e)) + "f", v);
    }

    private static int decimals(double step) {
        return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    }
}
