package dev.transformers4j.train;

import dev.transformers4j.core.Tensor;

/**
 * What is being learned: the loss of a batch and the metrics of an evaluation. The trainer calls
 * {@link #loss} in training mode with gradients recorded, and {@link #evaluate} in evaluation mode with
 * recording off. See {@link SequenceClassificationTask} and {@link CausalLanguageModelingTask}.
 *
 * @param <B> the batch type
 */
public interface TrainingTask<B> {

    /** The scalar training loss of one (micro-)batch, to call {@code backward()} on. */
    Tensor loss(B batch);

    /** Metrics over every batch of an evaluation set; must include {@code "loss"}. */
    EvalResult evaluate(Iterable<B> batches);

    /** The number of tokens in a batch, for the tokens/s of the progress bar (0 when unknown). */
    default long tokens(B batch) {
        return batch instanceof Batch b ? b.tokens() : 0;
    }
}
