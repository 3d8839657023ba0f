package dev.transformers4j.train;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.train.optim.ClipGrad;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a {@link Trainer}'s loop, from its current step to {@code max_steps} (or early stopping):
 * the steps, the evaluations and checkpoints between them, and the final save.
 */
final class TrainingRun<B> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Trainer<B> t;
    private final TrainerState state;
    private final TrainingArguments args;

    TrainingRun(Trainer<B> trainer) {
        this.t = trainer;
        this.state = trainer.state;
        this.args = trainer.args;
    }

    TrainResult run() {
        int firstStep = state.globalStep;
        boolean stop = false;
        t.model.module().train();
        t.optimizer.zeroGrad();
        try (TrainingProgress progress = TrainingProgress.open(args.progressBar(), firstStep, state.maxSteps)) {
            while (state.globalStep < state.maxSteps && !stop) {
                long tokens = trainStep();
                StepLog log = state.steps.get(state.steps.size() - 1);
                progress.update(log, tokens);
                t.callbacks.forEach(c -> c.onStep(log));
                int step = state.globalStep;
                if (t.evalData != null && args.evalSteps() > 0 && step % args.evalSteps() == 0) {
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
        double lr = t.schedule.lr(state.globalStep);
        t.optimizer.setLearningRate(lr);
        double loss = 0;
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            B batch = t.trainData.batch(t.sampler.next());
            Tensor l = t.task.loss(batch);
            (n == 1 ? l : l.mul(1f / n)).backward();                   // ∂(loss_i/N): gradients sum to the mean
            loss += l.item() / (double) n;
            tokens += t.task.tokens(batch);
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss + " at step " + (state.globalStep + 1)
                    + " (learning rate " + lr + "; try a smaller one or gradient clipping)");
        }
        double norm = args.maxGradNorm() > 0
                ? ClipGrad.clipGradNorm(t.optimizer.parameters().values(), args.maxGradNorm()) : Double.NaN;
        t.optimizer.step();
        t.optimizer.zeroGrad();
        state.globalStep++;
        state.epoch = t.sampler.epoch();
        state.steps.add(new StepLog(state.globalStep, state.epoch, loss, lr, norm));
        return tokens;
    }

    /** Evaluates, records the result and returns whether early stopping says to stop. */
    private boolean evaluateAndTrack() {
        EvalLog log = new EvalLog(state.globalStep, t.evaluate());
        state.recordEval(log, args.metricForBestModel(), args.greaterIsBetter());
        LOG.info("step {}: {}", log.step(), log.result());
        t.callbacks.forEach(c -> c.onEvaluate(log));
        int patience = args.earlyStoppingPatience();
        boolean stop = patience > 0 && state.evalsWithoutImprovement >= patience;
        if (stop) {
            LOG.info("early stopping at step {}: {} has not improved on {} (step {}) for {} evaluations",
                    state.globalStep, args.metricForBestModel(), state.bestMetric, state.bestStep, patience);
        }
        return stop;
    }

    private void saveCheckpoint() {
        Sampler.State data = t.sampler.state();
        Path dir = CheckpointFolders.publish(args.outputDir(), state.globalStep, tmp -> {
            TrainingCheckpoint.write(tmp, t.model, t.optimizer, t.schedule, state, data);
            t.beforePublish.write(tmp);
        });
        try {
            CheckpointFolders.rotate(args.outputDir(), args.saveTotalLimit());
        } catch (IOException e) {
            LOG.warn("{}: cannot delete old checkpoints: {}", args.outputDir(), e.toString());
        }
        LossCurves.write(args.outputDir(), state);
        t.callbacks.forEach(c -> c.onSave(state.globalStep, dir));
    }

    private TrainResult finish(int firstStep, boolean stoppedEarly) {
        EvalResult last = null;
        if (t.evalData != null) {
            boolean fresh = !state.evals.isEmpty() && state.evals.get(state.evals.size() - 1).step() == state.globalStep;
            last = fresh ? state.evals.get(state.evals.size() - 1).result() : null;
            if (last == null) {
                evaluateAndTrack();
                last = state.evals.get(state.evals.size() - 1).result();
            }
        }
        t.model.module().eval();
        t.model.savePretrained(args.outputDir());
        ConfigJson.write(args.outputDir().resolve(TrainerState.FILE), state.toJson());
        LossCurves.write(args.outputDir(), state);
        double mean = state.steps.stream().skip(firstStep).mapToDouble(StepLog::loss).average().orElse(Double.NaN);
        return new TrainResult(state.globalStep, mean, last, stoppedEarly, args.outputDir(), state);
    }
}
