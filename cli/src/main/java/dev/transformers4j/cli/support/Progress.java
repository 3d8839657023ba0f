package dev.transformers4j.cli.support;

import dev.transformers4j.pipelines.ProgressListener;
import java.io.Console;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person waiting for a command sees on standard error: a "loading model" line, and progress over long inputs
 * (nothing for short ones). On a terminal the progress is a bar; elsewhere (a log file, CI) the bar's {@code \r}
 * redraws would garble the log, so it is one log line per tenth of the way, as {@code train} logs steps there.
 */
public final class Progress implements ProgressListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final int THRESHOLD = 64;

    private final String task;
    private final boolean logLines;
    private final ProgressBar bar;
    private long tenthsLogged;

    public Progress(String task, int total) {
        this(task, total, terminal());
    }

    /** @param terminal whether standard error is a terminal: a bar, else log lines */
    public Progress(String task, int total, boolean terminal) {
        this.task = task;
        boolean shown = total >= THRESHOLD;
        logLines = shown && !terminal;
        bar = shown && terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" texts", 1).continuousUpdate().build() : null;
    }

    /** Whether a person is watching: the console is a terminal (the test {@code train} uses for its bar). */
    public static boolean terminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** "loading model M ..." before a model loads, on a terminal only (standard output stays the result's). */
    public static void loading(String model) {
        if (terminal()) {
            LOG.info("loading model {} ...", model);
        }
    }

    @Override
    public void progress(int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        } else if (logLines && done * 10L / total > tenthsLogged) {
            tenthsLogged = done * 10L / total;
            LOG.info("{}: {}/{} texts", task, done, total);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
