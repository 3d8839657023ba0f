package dev.transformers4j.train;

/**
 * Training or evaluation examples that the trainer addresses by index, as a PyTorch map-style dataset with
 * its {@code collate_fn}: the trainer chooses the indices (shuffled each epoch by its data-order generator,
 * which checkpoints save), the dataset turns them into one padded batch.
 *
 * <p>A classification dataset has one example per line and pads the texts of a batch to the longest. A
 * causal-LM dataset over a token stream of n tokens and context T has {@code n − T} examples, example i
 * being the window {@code tokens[i .. i+T]}: shuffling the indices draws random contiguous windows.
 *
 * @param <B> the batch type the {@link TrainingTask} consumes (usually {@link Batch})
 */
public interface Dataset<B> {

    /** The number of examples (≥ 1 for training). */
    int size();

    /** The examples at {@code indices}, collated into one batch. */
    B batch(int[] indices);

    /**
     * The size of example {@code index} in tokens, for batching by token count ({@code max_tokens}, fairseq's
     * {@code num_tokens}): a batch of examples whose largest size is L pads to L tokens per example.
     *
     * @throws UnsupportedOperationException for a dataset that only batches by a number of examples
     */
    default int numTokens(int index) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " has no token counts: batch it with batch_size, not max_tokens");
    }

    /** The examples in order, in batches of {@code batchSize} (the last may be smaller): for evaluation. */
    default Iterable<B> batches(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: expected >= 1 but was " + batchSize);
        }
        return () -> new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int n = Math.min(batchSize, size() - next);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = next + i;
                }
                next += n;
                return batch(idx);
            }
        };
    }
}
