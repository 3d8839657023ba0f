package dev.transformers4j.train;

import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.train.optim.AdamW;
import dev.transformers4j.train.optim.LearningRateSchedule;
import dev.transformers4j.train.optim.Optimizer;
import dev.transformers4j.train.optim.ParameterGroups;
import dev.transformers4j.train.optim.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop, as HF's {@code Trainer}. One optimizer step is
 * <pre>
 *   for each of N micro-batches:  loss_i = task.loss(batch_i);  backward(loss_i / N)     gradient accumulation
 *   clip ‖g‖ to max_grad_norm;  lr = schedule(step);  optimizer.step();  zero gradients
 * </pre>
 * with the model in training mode (dropout on); every {@code eval_steps} it evaluates in evaluation mode
 * without recording gradients, and every {@code save_steps} writes {@code checkpoint-N} atomically (see
 * {@link TrainingCheckpoint}) so that {@link #resume} continues bit for bit as if never interrupted. At the end
 * the model is saved with {@code savePretrained(output_dir)} beside {@code trainer_state.json} and the loss
 * curves ({@link LossCurves}). The default optimizer is AdamW with HF's decay/no-decay groups and the default
 * schedule is {@code lr_scheduler_type} over {@code max_steps}.
 *
 * <p>If no parameter of the model needs a gradient (models load frozen), the trainer turns all of them on;
 * to freeze some, turn gradients on for the others before building the trainer.
 *
 * <p>The trainer is the setup: model, task, data, arguments, optimizer, schedule and callbacks. Each
 * {@link #train} or {@link #resume} hands a fixed copy of it ({@link TrainingSetup}) to a new {@link TrainingRun},
 * which owns the run's {@link TrainerState} (returned in {@link TrainResult#state()}) and data order.
 *
 * @param <B> the batch type of the task and datasets
 */
public final class Trainer<B> {

    private final PretrainedModel model;
    private final TrainingTask<B> task;
    private final Dataset<B> trainData;
    private final Dataset<B> evalData;
    private final TrainingArguments args;
    private final int maxSteps;
    private final List<TrainerCallback> callbacks = new ArrayList<>();
    private Optimizer optimizer;
    private LearningRateSchedule schedule;
    private CheckpointFolders.Writer beforePublish = dir -> { };

    /**
     * @param evalData the evaluation set, or null
     * @throws IllegalArgumentException for an empty dataset or settings that contradict each other
     */
    public Trainer(PretrainedModel model, TrainingTask<B> task, Dataset<B> trainData, Dataset<B> evalData,
                   TrainingArguments args) {
        require(trainData.size() >= 1, "train dataset: expected at least 1 example but it is empty");
        require(evalData == null || evalData.size() >= 1, "eval dataset: expected at least 1 example but it is empty");
        require(args.earlyStoppingPatience() == 0 || evalData != null && args.evalSteps() > 0,
                "setting 'early_stopping_patience': needs an eval dataset and eval_steps > 0");
        this.model = model;
        this.task = task;
        this.trainData = trainData;
        this.evalData = evalData;
        this.args = args;
        int perEpoch = batchesPerEpoch(trainData, args);              // fails here for an example over max_tokens
        this.maxSteps = args.maxSteps() > 0 ? args.maxSteps()
                : (int) Math.ceil(args.numTrainEpochs() * perEpoch / args.gradientAccumulationSteps());
        if (ParameterGroups.trainable(model.module()).isEmpty()) {
            model.module().requiresGrad(true);
        }
        optimizer = new AdamW(ParameterGroups.withDecay(model.module(), args.weightDecay()), args.learningRate(),
                args.adamBeta1(), args.adamBeta2(), args.adamEpsilon());
        schedule = Schedule.of(args.lrSchedulerType(), args.learningRate(), args.warmupSteps(), maxSteps);
    }

    /**
     * The micro-batches one epoch of {@code data} makes under {@code args}: {@code ceil(size / batch_size)}, or
     * with {@code max_tokens} the number of token-budget batches.
     *
     * @throws IllegalArgumentException when an example alone is more than {@code max_tokens}
     */
    public static int batchesPerEpoch(Dataset<?> data, TrainingArguments args) {
        return args.maxTokens() > 0 ? TokenBudgetSampler.countBatches(data, args.maxTokens())
                : Math.ceilDiv(data.size(), args.batchSize());
    }

    /** Replaces the default AdamW (e.g. with {@link dev.transformers4j.train.optim.SGD}). */
    public Trainer<B> withOptimizer(Optimizer o) {
        optimizer = o;
        return this;
    }

    /** Replaces the default schedule (e.g. with {@link Schedule#noam}). */
    public Trainer<B> withSchedule(LearningRateSchedule s) {
        schedule = s;
        return this;
    }

    public Trainer<B> addCallback(TrainerCallback c) {
        callbacks.add(c);
        return this;
    }

    /** Trains from the start: seeds dropout with {@code seed} (as HF's {@code set_seed}) and runs. */
    public TrainResult train() {
        return TrainingRun.start(setup()).run();
    }

    /**
     * Continues from a checkpoint folder: weights, optimizer, schedule step, generators and data position are
     * restored, then training runs on to {@code max_steps}.
     *
     * @throws CheckpointException when the folder is incomplete or was written for another model config
     */
    public TrainResult resume(Path checkpoint) {
        return TrainingRun.resume(setup(), checkpoint).run();
    }

    /** The newest {@code checkpoint-N} folder in {@code outputDir}, or null when there is none. */
    public static Path latestCheckpoint(Path outputDir) {
        try {
            List<Path> all = CheckpointFolders.list(outputDir);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        } catch (IOException e) {
            throw new CheckpointException(outputDir, "cannot list checkpoints: " + e, e);
        }
    }

    /** Evaluates on the eval dataset in evaluation mode without recording gradients. */
    public EvalResult evaluate() {
        return setup().evaluate();
    }

    /** The optimizer steps a run trains for: {@code max_steps}, or {@code num_train_epochs} of batches. */
    public int maxSteps() {
        return maxSteps;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Test hook: runs on the complete temporary checkpoint folder just before it is renamed into place. */
    void beforePublish(CheckpointFolders.Writer hook) {
        beforePublish = hook;
    }

    private TrainingSetup<B> setup() {
        return new TrainingSetup<>(model, task, trainData, evalData, args, optimizer, schedule, maxSteps, callbacks,
                beforePublish);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
