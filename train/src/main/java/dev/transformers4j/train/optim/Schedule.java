package dev.transformers4j.train.optim;

import java.util.Locale;

/**
 * The standard schedules, as HF's {@code get_scheduler} (a multiplier of the base rate, warmup from 0) plus
 * the paper's. With s the number of completed updates, w the warmup steps and N the total:
 * <pre>
 *   constant               1
 *   constant_with_warmup   s/w  while s &lt; w, then 1
 *   linear                 s/w  while s &lt; w, then max(0, (N − s)/(N − w))
 *   cosine                 s/w  while s &lt; w, then ½·(1 + cos(π·(s − w)/(N − w)))   (num_cycles ½)
 *   noam                   d_model^−½ · min(n^−½, n·w^−³ᐟ²) with n = s + 1        (§5.3, Eq. 3)
 * </pre>
 * Every rate is {@code baseLr} times the multiplier. For {@code noam}, {@code baseLr} is the Annotated
 * Transformer's {@code factor} (1 in the paper) and n is the paper's 1-based {@code step_num}, so the first
 * update already has a rate above zero; the peak {@code d_model^−½·w^−½} is reached at n = w.
 *
 * @param dModel the model width of {@code noam}, 0 for the others
 */
public record Schedule(Kind kind, double baseLr, int warmupSteps, int totalSteps, int dModel)
        implements LearningRateSchedule {

    /** The schedule types, with HF's names. */
    public enum Kind {
        CONSTANT, CONSTANT_WITH_WARMUP, LINEAR, COSINE, NOAM;

        /** HF's name: {@code "constant_with_warmup"}. */
        public String hfName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses an HF name; the error lists the known ones. */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.hfName().equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("lr_scheduler_type: unknown schedule '" + name
                    + "' (expected constant, constant_with_warmup, linear, cosine or noam)");
        }
    }

    public Schedule {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("schedule base learning rate: expected > 0 but was " + baseLr);
        }
        if (warmupSteps < 0 || (kind == Kind.NOAM && warmupSteps < 1)) {
            throw new IllegalArgumentException("warmup_steps: expected >= " + (kind == Kind.NOAM ? 1 : 0)
                    + " but was " + warmupSteps);
        }
        if (kind == Kind.NOAM && dModel < 1) {
            throw new IllegalArgumentException("noam schedule d_model: expected >= 1 but was " + dModel);
        }
    }

    public static Schedule constant(double lr) {
        return new Schedule(Kind.CONSTANT, lr, 0, 0, 0);
    }

    public static Schedule constantWithWarmup(double lr, int warmupSteps) {
        return new Schedule(Kind.CONSTANT_WITH_WARMUP, lr, warmupSteps, 0, 0);
    }

    public static Schedule linear(double lr, int warmupSteps, int totalSteps) {
        return new Schedule(Kind.LINEAR, lr, warmupSteps, totalSteps, 0);
    }

    public static Schedule cosine(double lr, int warmupSteps, int totalSteps) {
        return new Schedule(Kind.COSINE, lr, warmupSteps, totalSteps, 0);
    }

    /** The paper's schedule (Eq. 3) scaled by {@code factor}: {@code factor · d^−½ · min(n^−½, n·w^−³ᐟ²)}. */
    public static Schedule noam(int dModel, int warmupSteps, double factor) {
        return new Schedule(Kind.NOAM, factor, warmupSteps, 0, dModel);
    }

    /** As HF's {@code get_scheduler(name, ...)} (noam needs {@link #noam} for its d_model). */
    public static Schedule of(String name, double lr, int warmupSteps, int totalSteps) {
        Kind k = Kind.parse(name);
        if (k == Kind.NOAM) {
            throw new IllegalArgumentException("lr_scheduler_type noam needs d_model: use Schedule.noam(...)");
        }
        return new Schedule(k, lr, warmupSteps, totalSteps, 0);
    }

    @Override
    public double lr(int step) {
        return baseLr * multiplier(step);
    }

    /** The multiplier of {@code baseLr} after {@code step} completed updates. */
    public double multiplier(int step) {
        if (kind == Kind.NOAM) {
            double n = step + 1.0;
            return Math.pow(dModel, -0.5) * Math.min(Math.pow(n, -0.5), n * Math.pow(warmupSteps, -1.5));
        }
        if (kind != Kind.CONSTANT && step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return switch (kind) {
            case LINEAR -> Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
            case COSINE -> Math.max(0.0, 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * progress)));
            default -> 1.0;
        };
    }
}
