package dev.transformers4j.train;

import java.util.Map;

/**
 * A metric that a task adds to its evaluation, computed from the same evaluation batches after the loss: the
 * extension point for metrics that need more than one forward pass, such as the BLEU of greedy translations
 * (decode each source with generation, detokenize, score against the references). It runs in evaluation mode
 * with gradient recording off.
 *
 * @param <B> the batch type
 */
@FunctionalInterface
public interface EvalMetric<B> {

    /** Metrics by name (e.g. {@code "bleu"}); the trainer logs them as {@code eval_<name>}. */
    Map<String, Double> compute(Iterable<B> batches);
}
