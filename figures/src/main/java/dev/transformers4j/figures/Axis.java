package dev.transformers4j.figures;

import java.util.List;
import java.util.Objects;

/**
 * One axis of a {@link LineChart}: its label, and how values map along it.
 *
 * @param label       under the x axis, or turned along the y axis; {@code ""} for none
 * @param log         a log10 scale (values ≤ 0 are not drawn)
 * @param includeZero the range reaches 0 even when the data does not
 * @param names       a named axis: point i of every series sits at {@code names[i]} (its x values are 0, 1, 2, …)
 */
public record Axis(String label, boolean log, boolean includeZero, List<String> names) {

    public Axis {
        Objects.requireNonNull(label, "label");
        names = List.copyOf(names);
        if (log && (includeZero || !names.isEmpty())) {
            throw new IllegalArgumentException("axis '" + label + "': a log axis can neither reach 0 nor be named");
        }
    }

    public static Axis linear(String label) {
        return new Axis(label, false, false, List.of());
    }

    public static Axis log(String label) {
        return new Axis(label, true, false, List.of());
    }

    public static Axis named(String label, List<String> names) {
        return new Axis(label, false, false, names);
    }

    /** This axis, its range reaching 0. */
    public Axis withZero() {
        return new Axis(label, log, true, names);
    }

    /** Whether {@code v} can be drawn on this axis: finite, and above 0 on a log axis. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** About {@code target} ticks over the data's [min, max]; on a named axis every name fits at most. */
    Ticks ticks(double min, double max, int target) {
        if (!names.isEmpty()) {
            int n = names.size();
            return n == 1 ? new Ticks(-1, 1, 1, false)                          // a lone point in the middle
                    : new Ticks(0, n - 1, Math.ceil((double) n / Math.max(1, target)), false);
        }
        if (log) {
            return Ticks.log(min, max);
        }
        return includeZero ? Ticks.linear(Math.min(min, 0), Math.max(max, 0), target) : Ticks.linear(min, max, target);
    }

    /** The label of the tick at {@code u}: the name there on a named axis, else the number. */
    String tickLabel(Ticks t, double u) {
        if (names.isEmpty()) {
            return t.label(u);
        }
        int i = (int) Math.round(u);
        return i >= 0 && i < names.size() ? names.get(i) : "";
    }
}
