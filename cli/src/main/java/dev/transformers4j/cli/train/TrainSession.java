package dev.transformers4j.cli.train;

import dev.transformers4j.models.io.OutputFolder;
import dev.transformers4j.models.io.OutputFolderException;
import dev.transformers4j.train.StepLog;
import dev.transformers4j.train.TrainResult;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainerCallback;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code train} commands share: flag checks that name the flag, the output folder (a new run refuses a
 * folder that holds checkpoints; {@code --resume} continues from the newest), and progress lines in the log when
 * no progress bar is drawn (standard error is not a terminal, e.g. a run in the background).
 */
public final class TrainSession {

    private static final Logger LOG = LoggerFactory.getLogger(TrainSession.class);

    private TrainSession() {
    }

    /** @throws IllegalArgumentException {@code --flag: expected RANGE but was VALUE} */
    static void require(boolean ok, String flag, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(flag + ": expected " + range + " but was " + value);
        }
    }

    /** The learning rate, batch size and weight decay checks of the AdamW commands. */
    static void requireCommon(double lr, int batchSize, double weightDecay) {
        require(lr > 0 && lr <= 1, "--lr", lr, "a learning rate in (0, 1]");
        require(batchSize >= 1 && batchSize <= 65_536, "--batch-size", batchSize, "a value in [1, 65536]");
        require(weightDecay >= 0 && weightDecay < 1, "--weight-decay", weightDecay, "a value in [0, 1)");
    }

    /**
     * Prepares {@code out} and returns the checkpoint to resume from, or null for a new run. A new run takes a new or
     * empty folder, or with {@code overwrite} replaces a folder transformers4j wrote ({@link OutputFolder}); it
     * refuses any other non-empty folder (a run's checkpoints included: {@code --resume} continues them), and
     * {@code --resume} without a checkpoint to resume from.
     */
    static Path prepareOutput(Path out, boolean resume, boolean overwrite) {
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume continues the run in --out and --overwrite replaces it:"
                    + " choose one");
        }
        Path latest = Trainer.latestCheckpoint(out);
        if (resume) {
            if (latest == null) {
                throw new IllegalArgumentException("--resume: " + out + " has no checkpoint-N folder to resume from");
            }
            return latest;
        }
        if (!overwrite && latest != null) {
            throw new IllegalArgumentException("--out " + out + " already holds " + latest.getFileName()
                    + ": add --resume to continue that run, or choose another --out (or --overwrite to replace it)");
        }
        try {
            OutputFolder.createInPlace(out, overwrite);
        } catch (OutputFolderException e) {
            throw new IllegalArgumentException("--out " + e.getMessage(), e);
        }
        return null;
    }

    /** Trains from the start, or resumes from {@code checkpoint} when it is not null. */
    static <B> TrainResult run(Trainer<B> trainer, Path checkpoint, int logSteps) {
        if (logSteps > 0) {
            trainer.addCallback(new StepLogger(trainer.maxSteps(), logSteps));
        }
        return checkpoint == null ? trainer.train() : trainer.resume(checkpoint);
    }

    /** Logs the loss, learning rate, speed and ETA every {@code every} steps. */
    static final class StepLogger implements TrainerCallback {
        private final int maxSteps;
        private final int every;
        private final long startNanos = System.nanoTime();
        private int startStep = -1;

        StepLogger(int maxSteps, int every) {
            this.maxSteps = maxSteps;
            this.every = every;
        }

        @Override
        public void onStep(StepLog log) {
            if (startStep < 0) {
                startStep = log.step() - 1;                     // a resumed run starts after its checkpoint
            }
            if (log.step() % every != 0 && log.step() != maxSteps) {
                return;
            }
            double perStep = (System.nanoTime() - startNanos) / 1e9 / (log.step() - startStep);
            LOG.info(String.format(Locale.ROOT, "step %d/%d (epoch %.2f): loss %.4f, lr %.2e, %.2f s/step, ETA %s",
                    log.step(), maxSteps, log.epoch(), log.loss(), log.learningRate(), perStep,
                    duration(perStep * (maxSteps - log.step()))));
        }
    }

    /** {@code 1h02m}, {@code 12m05s} or {@code 42s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
