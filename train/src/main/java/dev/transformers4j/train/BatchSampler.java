package dev.transformers4j.train;

import dev.transformers4j.core.Rng;

/**
 * Batches of a fixed number of examples: a fresh random permutation of {@code 0..size−1} each
 * epoch (as PyTorch's {@code RandomSampler}), cut into batches of {@code batchSize}; the last batch of an
 * epoch may be smaller ({@code drop_last=False}). Its whole state is three numbers ({@link State}), so a
 * resumed run visits exactly the examples the interrupted one would have; its {@code position} counts examples.
 */
final class BatchSampler implements Sampler {

    private final int size;
    private final int batchSize;
    private final Rng rng;
    private int[] order;                 // the current epoch's permutation, or null between epochs
    private long epochStartState;
    private int completedEpochs;
    private int position;

    BatchSampler(int size, int batchSize, long seed) {
        this.size = size;
        this.batchSize = batchSize;
        this.rng = new Rng(seed);
    }

    @Override
    public int[] next() {
        if (order == null) {
            shuffle();
        }
        int n = Math.min(batchSize, size - position);
        int[] out = new int[n];
        System.arraycopy(order, position, out, 0, n);
        position += n;
        if (position == size) {
            completedEpochs++;
            position = 0;
            order = null;
        }
        return out;
    }

    /** Batches per epoch: {@code ceil(size / batchSize)}. */
    @Override
    public int batchesPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    @Override
    public double epoch() {
        return completedEpochs + (double) position / size;
    }

    @Override
    public State state() {
        return new State(completedEpochs, position, order == null ? rng.state() : epochStartState);
    }

    @Override
    public void restore(State s) {
        if (s.position() < 0 || s.position() >= size) {
            throw new IllegalArgumentException("data position " + s.position() + " is outside a dataset of " + size
                    + " examples (was the checkpoint made with another dataset?)");
        }
        completedEpochs = s.completedEpochs();
        position = s.position();
        rng.setState(s.rngState());
        order = null;
        if (position > 0) {
            shuffle();                                      // the same permutation as before the interruption
        }
    }

    /** A new permutation from the data-order generator. */
    private void shuffle() {
        epochStartState = rng.state();
        order = Sampler.permutation(size, rng);
    }
}
