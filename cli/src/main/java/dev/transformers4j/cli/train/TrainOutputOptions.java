package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every {@code train} command shares (a picocli mixin): where the run goes, its seed, its checkpoints,
 * its log lines and {@code --resume}. {@code --save-steps} and {@code --log-steps} default to what suits the
 * command ({@link #saveSteps(int)}, {@link #logSteps(int)}).
 */
public final class TrainOutputOptions {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model, checkpoints and loss curves go: a new or empty folder (see --resume, --overwrite).")
    Path out;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the new weights, dropout and data order (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--save-steps", paramLabel = "N", description = "Write checkpoint-N every N steps; 0 = never (default: at every evaluation).")
    Integer saveSteps;
    @Option(names = "--save-total-limit", defaultValue = "2", paramLabel = "K", description = "Keep the newest K checkpoints; 0 = all (default: ${DEFAULT-VALUE}).")
    int saveTotalLimit;
    @Option(names = "--log-steps", paramLabel = "N", description = "Without a progress bar (not a terminal), log every N steps.")
    Integer logSteps;
    @Option(names = "--resume", description = "Continue from the newest checkpoint-N in --out.")
    boolean resume;
    @Option(names = {"--overwrite", "--overwrite-output-dir"},
            description = "Start a new run in --out, replacing the folder if transformers4j wrote it (HF's overwrite_output_dir).")
    boolean overwrite;

    /** @throws IllegalArgumentException naming the flag out of range */
    void check() {
        require(saveSteps == null || saveSteps >= 0, "--save-steps", saveSteps, ">= 0");
        require(saveTotalLimit >= 0, "--save-total-limit", saveTotalLimit, ">= 0 (0 = keep every checkpoint)");
        require(logSteps == null || logSteps >= 0, "--log-steps", logSteps, ">= 0");
    }

    /** {@code --save-steps}, or the command's default (its evaluation interval). */
    int saveSteps(int commandDefault) {
        return saveSteps != null ? saveSteps : commandDefault;
    }

    /** {@code --log-steps}, or the command's default. */
    int logSteps(int commandDefault) {
        return logSteps != null ? logSteps : commandDefault;
    }

    /** Creates {@code --out}; returns the checkpoint to resume from, or null for a new run ({@link TrainSession#prepareOutput}). */
    Path prepare() {
        return TrainSession.prepareOutput(out, resume, overwrite);
    }
}
