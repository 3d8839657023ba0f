package dev.transformers4j.train;

import dev.transformers4j.core.Rng;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.train.optim.ClipGrad;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of the training loop on a fixed {@link TrainingSetup}, from its first step to {@code max_steps}
 * (or early stopping): the steps, the evaluations and checkpoints between them, and the final save. The run owns
 * what changes: its {@link TrainerState} (new, or a checkpoint's) and the data order.
 */
final class TrainingRun<B> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingSetup<B> setup;
    private final TrainingArguments args;
    private final TrainerState state;
    private final Sampler sampler;

    private TrainingRun(TrainingSetup<B> setup, TrainerState state, Sampler sampler) {
        this.setup = setup;
        this.args = setup.args();
        this.state = state;
        this.sampler = sampler;
    }

    /** A run from step 0; seeds dropout with {@code seed} (as HF's {@code set_seed}). */
    static <B> TrainingRun<B> start(TrainingSetup<B> setup) {
        Rng.manualSeed(setup.args().seed());
        Sampler sampler = Sampler.of(setup.trainData(), setup.args());
        return new TrainingRun<>(setup, new TrainerState(setup.maxSteps()), sampler);
    }

    /**
     * A run that continues {@code checkpoint}: the weights, optimizer and dropout generator are restored into the
     * setup's model and optimizer; the state and data position are the checkpoint's.
     *
     * @throws CheckpointException when the folder is incomplete or was written for another model config
     */
    static <B> TrainingRun<B> resume(TrainingSetup<B> setup, Path checkpoint) {
        TrainingCheckpoint.Restored r = TrainingCheckpoint.restore(checkpoint, setup.model(), setup.optimizer());
        TrainerState state = r.state();
        if (state.maxSteps() != setup.maxSteps()) {
            LOG.warn("{}: max_steps was {} and is now {}", checkpoint, state.maxSteps(), setup.maxSteps());
            state.continueTo(setup.maxSteps());
        }
        Sampler sampler = Sampler.of(setup.trainData(), setup.args());
        sampler.restore(r.sampler());
        LOG.info("resuming from {} at step {}", checkpoint, state.globalStep());
        return new TrainingRun<>(setup, state, sampler);
    }

    TrainResult run() {
        int firstStep = state.globalStep();
        boolean stop = false;
        setup.model().module().train();
        setup.optimizer().zeroGrad();
        setup.callbacks().forEach(c -> c.onTrainBegin(state));
        try (TrainingProgress progress = TrainingProgress.open(args.progressBar(), firstStep, state.maxSteps())) {
            while (state.globalStep() < state.maxSteps() && !stop) {
                setup.callbacks().forEach(c -> c.onStepBegin(state.globalStep() + 1));
                long tokens = trainStep();
                StepLog log = state.steps().getLast();
                progress.update(log, tokens);
                setup.callbacks().forEach(c -> c.onStep(log));
                int step = state.globalStep();
                if (setup.evalData() != null && args.evalSteps() > 0 && step % args.evalSteps() == 0) {
                    stop = evaluateAndTrack();
                }
                if (args.saveSteps() > 0 && step % args.saveSteps() == 0) {
                    saveCheckpoint();
                }
                progress.resetClock();
            }
        }
        return finish(firstStep, stop);
    }

    /** One optimizer step over N micro-batches; returns the number of tokens it trained on. */
    private long trainStep() {
        int n = args.gradientAccumulationSteps();
        double lr = setup.schedule().lr(state.globalStep());
        setup.optimizer().setLearningRate(lr);
        double loss = 0;
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            B batch = setup.trainData().batch(sampler.next());
            Tensor l = setup.task().loss(batch);
            (n == 1 ? l : l.mul(1f / n)).backward();                   // ∂(loss_i/N): gradients sum to the mean
            loss += l.item() / (double) n;
            tokens += setup.task().tokens(batch);
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss + " at step " + (state.globalStep() + 1)
                    + " (learning rate " + lr + "; try a smaller one or gradient clipping)");
        }
        double norm = args.maxGradNorm() > 0
                ? ClipGrad.clipGradNorm(setup.optimizer().parameters().values(), args.maxGradNorm()) : Double.NaN;
        setup.optimizer().step();
        setup.optimizer().zeroGrad();
        state.recordStep(new StepLog(state.globalStep() + 1, sampler.epoch(), loss, lr, norm), tokens);
        return tokens;
    }

    /** Evaluates, records the result and returns whether early stopping says to stop. */
    private boolean evaluateAndTrack() {
        EvalLog log = new EvalLog(state.globalStep(), setup.evaluate());
        state.recordEval(log, args.metricForBestModel(), args.greaterIsBetter());
        LOG.info("step {}: {}", log.step(), log.result());
        setup.callbacks().forEach(c -> c.onEvaluate(log));
        int patience = args.earlyStoppingPatience();
        boolean stop = patience > 0 && state.evalsWithoutImprovement() >= patience;
        if (stop) {
            LOG.info("early stopping at step {}: {} has not improved on {} (step {}) for {} evaluations",
                    state.globalStep(), args.metricForBestModel(), state.bestMetric(), state.bestStep(), patience);
        }
        return stop;
    }

    private void saveCheckpoint() {
        Sampler.State data = sampler.state();
        Path dir = CheckpointFolders.publish(args.outputDir(), state.globalStep(), tmp -> {
            TrainingCheckpoint.write(tmp, setup.model(), setup.optimizer(), setup.schedule(), state, data);
            setup.beforePublish().write(tmp);
        });
        try {
            CheckpointFolders.rotate(args.outputDir(), args.saveTotalLimit());
        } catch (IOException e) {
            LOG.warn("{}: cannot delete old checkpoints: {}", args.outputDir(), e.toString());
        }
        LossCurves.write(args.outputDir(), state);
        setup.callbacks().forEach(c -> c.onSave(state.globalStep(), dir));
    }

    private TrainResult finish(int firstStep, boolean stoppedEarly) {
        EvalResult last = null;
        if (setup.evalData() != null) {
            boolean fresh = !state.evals().isEmpty() && state.evals().getLast().step() == state.globalStep();
            if (!fresh) {
                evaluateAndTrack();
            }
            last = state.evals().getLast().result();
        }
        setup.model().module().eval();
        setup.model().savePretrained(args.outputDir());
        ConfigJson.write(args.outputDir().resolve(TrainerState.FILE), state.toJson());
        LossCurves.write(args.outputDir(), state);
        double mean = state.steps().stream().skip(firstStep).mapToDouble(StepLog::loss).average().orElse(Double.NaN);
        return new TrainResult(state.globalStep(), mean, last, stoppedEarly, args.outputDir(), state);
    }
}
