package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import picocli.CommandLine.Option;

/**
 * How long a {@code train} command runs and how often it evaluates, in HF's terms (a picocli mixin):
 * {@code num_train_epochs}, {@code max_steps}, {@code eval_steps}, {@code gradient_accumulation_steps}.
 */
public final class TrainEpochOptions {

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    double epochs;
    @Option(names = "--max-steps", defaultValue = "0", paramLabel = "N", description = "Stop after N steps (overrides --epochs; default: from --epochs).")
    int maxSteps;
    @Option(names = "--eval-steps", paramLabel = "N", description = "Evaluate every N steps; 0 = only at the end (default: once per epoch).")
    Integer evalSteps;
    @Option(names = "--grad-accum", defaultValue = "1", description = "Batches whose gradients make one step (default: ${DEFAULT-VALUE}).")
    int gradAccum;

    /** @throws IllegalArgumentException naming the flag out of range */
    void check() {
        require(epochs > 0 && epochs < 1e6, "--epochs", epochs, "a value in (0, 1e6)");
        require(maxSteps >= 0, "--max-steps", maxSteps, ">= 0");
        require(evalSteps == null || evalSteps >= 0, "--eval-steps", evalSteps, ">= 0");
        require(gradAccum >= 1, "--grad-accum", gradAccum, ">= 1");
    }

    /** Optimizer steps per epoch with {@code batchesPerEpoch} batches. */
    int stepsPerEpoch(int batchesPerEpoch) {
        return Math.ceilDiv(batchesPerEpoch, gradAccum);
    }

    /** {@code --eval-steps}, or once per epoch. */
    int evalSteps(int stepsPerEpoch) {
        return evalSteps != null ? evalSteps : stepsPerEpoch;
    }
}
