package dev.transformers4j.cli;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.train.EvalResult;
import dev.transformers4j.train.TrainingTask;

/**
 * A task that counts what the trainer trains on, for the tokens/s of a command's report: the tokens of every
 * training batch ({@link TrainingTask#tokens}) and the time from the first training batch on, less the time
 * spent evaluating.
 */
final class TokenCountingTask<B> implements TrainingTask<B> {

    private final TrainingTask<B> task;
    private long tokens;
    private long firstNanos;
    private long evalNanos;

    TokenCountingTask(TrainingTask<B> task) {
        this.task = task;
    }

    @Override
    public Tensor loss(B batch) {
        if (firstNanos == 0) {
            firstNanos = System.nanoTime();
        }
        return task.loss(batch);
    }

    @Override
    public EvalResult evaluate(Iterable<B> batches) {
        long t = System.nanoTime();
        try {
            return task.evaluate(batches);
        } finally {
            evalNanos += firstNanos == 0 ? 0 : System.nanoTime() - t;
        }
    }

    @Override
    public long tokens(B batch) {
        long n = task.tokens(batch);
        tokens += n;
        return n;
    }

    /** The tokens of every training batch so far. */
    long tokens() {
        return tokens;
    }

    /** Seconds since the first training batch, evaluations left out. */
    double trainingSeconds() {
        return firstNanos == 0 ? 0 : (System.nanoTime() - firstNanos - evalNanos) / 1e9;
    }
}
