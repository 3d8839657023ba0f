package dev.transformers4j.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on standard error: steps done of the total, ETA, and the loss, learning rate and tokens/s
 * of the last step. Off (does nothing) for tests and when standard error is not a terminal.
 */
final class TrainingProgress implements AutoCloseable {

    private final ProgressBar bar;
    private long lastNanos = System.nanoTime();

    private TrainingProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar from {@code startStep} (a resumed run) to {@code maxSteps}, or a silent one. */
    static TrainingProgress open(boolean enabled, int startStep, int maxSteps) {
        if (!enabled) {
            return new TrainingProgress(null);
        }
        return new TrainingProgress(new ProgressBarBuilder().setTaskName("train").setInitialMax(maxSteps)
                .startsFrom(startStep, Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
                .setUpdateIntervalMillis(250).build());
    }

    /** Moves to {@code log.step()}; {@code tokens} is the number of tokens of that step. */
    void update(StepLog log, long tokens) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        lastNanos = now;
        if (bar != null) {
            bar.stepTo(log.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.2e %.0f tok/s", log.loss(),
                    log.learningRate(), tokens / seconds));
        }
    }

    /** Leaves out the time spent evaluating and saving from the next tokens/s. */
    void resetClock() {
        lastNanos = System.nanoTime();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
