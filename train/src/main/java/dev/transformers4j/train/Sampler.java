package dev.transformers4j.train;

import dev.transformers4j.core.Rng;

/**
 * The order in which the trainer visits its training examples, batch by batch, epoch after epoch (PyTorch's
 * batch sampler). Its whole state is three numbers ({@link State}), so a resumed run visits exactly the
 * examples the interrupted one would have. {@link BatchSampler} makes batches of a fixed number of examples;
 * {@link TokenBudgetSampler} makes batches of at most a number of (padded) tokens.
 */
interface Sampler {

    /**
     * @param completedEpochs full passes so far
     * @param position        how far into the current epoch (examples or batches, as the sampler counts)
     * @param rngState        the generator's state before the current epoch's order was drawn
     */
    record State(int completedEpochs, int position, long rngState) {
    }

    /** The training order {@code args} asks for: batches of {@code max_tokens} tokens, or of {@code batch_size}. */
    static Sampler of(Dataset<?> trainData, TrainingArguments args) {
        return args.maxTokens() > 0 ? TokenBudgetSampler.of(trainData, args.maxTokens(), args.seed())
                : new BatchSampler(trainData.size(), args.batchSize(), args.seed());
    }

    /** The indices of the next batch. */
    int[] next();

    /** Batches per epoch. */
    int batchesPerEpoch();

    /** Passes over the data so far, with the current one as a fraction. */
    double epoch();

    State state();

    /** Continues from {@code s}: the next batch is the one that followed when the state was taken. */
    void restore(State s);

    /** A random permutation of {@code 0..n−1} (Fisher–Yates, drawing from {@code rng}). */
    static int[] permutation(int n, Rng rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Math.floorMod(rng.nextLong(), (long) i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
