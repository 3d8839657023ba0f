package dev.transformers4j.train;

import java.nio.file.Path;

/**
 * Hears what the trainer does, as HF's {@code TrainerCallback}: for printing, for custom logging, or for
 * stopping a run (throw). Every method does nothing by default.
 */
public interface TrainerCallback {

    /**
     * Before the first step of a run, with the state the run owns and updates (a resumed run: the checkpoint's,
     * at its step).
     */
    default void onTrainBegin(TrainerState state) {
    }

    /** Before optimizer step {@code step} (1 for the first) reads its first batch. */
    default void onStepBegin(int step) {
    }

    /** After each optimizer step. */
    default void onStep(StepLog log) {
    }

    /** After each evaluation. */
    default void onEvaluate(EvalLog log) {
    }

    /** After a checkpoint folder has been published. */
    default void onSave(int step, Path checkpoint) {
    }
}
