package dev.transformers4j.train;

import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.train.optim.LearningRateSchedule;
import dev.transformers4j.train.optim.Optimizer;
import java.util.List;

/**
 * What a {@link TrainingRun} is given and never changes: the model and what it learns, the data, the optimizer and
 * schedule, the settings and who listens. {@link Trainer} assembles it when a run starts; the run owns everything
 * that changes as it goes (its {@link TrainerState} and the data order).
 *
 * @param evalData    the evaluation set, or null
 * @param maxSteps    the optimizer steps to train for ({@code max_steps}, or from {@code num_train_epochs})
 * @param callbacks   in the order they hear each event
 * @param beforePublish a test hook run on each complete temporary checkpoint folder before it is renamed
 */
record TrainingSetup<B>(PretrainedModel model, TrainingTask<B> task, Dataset<B> trainData, Dataset<B> evalData,
                        TrainingArguments args, Optimizer optimizer, LearningRateSchedule schedule, int maxSteps,
                        List<TrainerCallback> callbacks, CheckpointFolders.Writer beforePublish) {

    TrainingSetup {
        callbacks = List.copyOf(callbacks);
    }

    /** Evaluates on the eval dataset in evaluation mode without recording gradients. */
    EvalResult evaluate() {
        if (evalData == null) {
            throw new IllegalArgumentException("evaluate: the trainer has no eval dataset");
        }
        Module m = model.module();
        boolean wasTraining = m.isTraining();
        m.eval();
        try {
            Iterable<B> batches = args.maxTokens() > 0 ? TokenBudgetSampler.evaluationBatches(evalData, args.maxTokens())
                    : evalData.batches(args.evalBatchSize());
            return Grad.noGrad(() -> task.evaluate(batches));
        } finally {
            m.train(wasTraining);
        }
    }
}
