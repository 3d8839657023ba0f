package dev.transformers4j.cli;

import dev.transformers4j.pipelines.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for long inputs (nothing for short ones). */
final class Progress implements ProgressListener, AutoCloseable {

    private static final int THRESHOLD = 64;
    private final ProgressBar bar;

    Progress(String task, int total) {
        bar = total < THRESHOLD ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" texts", 1).continuousUpdate().build();
    }

    @Override
    public void progress(int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
