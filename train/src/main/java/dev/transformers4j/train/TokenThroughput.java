package dev.transformers4j.train;

/**
 * Training speed for a report at the end of a run: the tokens of the run's training batches
 * ({@link TrainerState#numInputTokensSeen}, as {@link TrainingTask#tokens} counts them) over the time spent in its
 * optimizer steps, evaluations and checkpoints left out. A resumed run counts its own steps only.
 *
 * <pre>{@code
 * TokenThroughput speed = new TokenThroughput();
 * trainer.addCallback(speed).train();
 * System.out.printf("%d tokens, %.0f tokens/s%n", speed.tokens(), speed.tokensPerSecond());
 * }</pre>
 */
public final class TokenThroughput implements TrainerCallback {

    private TrainerState state;
    private long startTokens;
    private long stepStartNanos;
    private long stepNanos;

    @Override
    public void onTrainBegin(TrainerState s) {
        state = s;
        startTokens = s.numInputTokensSeen();
        stepNanos = 0;
    }

    @Override
    public void onStepBegin(int step) {
        stepStartNanos = System.nanoTime();
    }

    @Override
    public void onStep(StepLog log) {
        stepNanos += System.nanoTime() - stepStartNanos;
    }

    /** The tokens trained on in this run so far. */
    public long tokens() {
        return state == null ? 0 : state.numInputTokensSeen() - startTokens;
    }

    /** Seconds spent in this run's optimizer steps. */
    public double trainingSeconds() {
        return stepNanos / 1e9;
    }

    /** {@link #tokens()} per {@link #trainingSeconds()} (0 before the first step). */
    public double tokensPerSecond() {
        return tokens() / Math.max(trainingSeconds(), 1e-9);
    }
}
