package dev.transformers4j.train;

import java.nio.file.Path;

/**
 * The outcome of {@link Trainer#train()}, as HF's {@code TrainOutput}.
 *
 * @param trainingLoss the mean training loss over the steps of this run (a resumed run: its own steps)
 * @param lastEval     the final evaluation, or null without an eval dataset
 * @param stoppedEarly whether early stopping ended the run before {@code maxSteps}
 * @param outputDir    where the final model, trainer_state.json and the loss curves are
 */
public record TrainResult(int globalStep, double trainingLoss, EvalResult lastEval, boolean stoppedEarly,
                          Path outputDir, TrainerState state) {
}
