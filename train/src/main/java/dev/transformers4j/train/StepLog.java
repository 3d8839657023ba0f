package dev.transformers4j.train;

/**
 * One optimizer step as logged: the mean training loss of its micro-batches, the learning rate it used and
 * the gradient norm before clipping (NaN when clipping is off).
 *
 * @param step  the number of completed updates, 1 for the first
 * @param epoch the fraction of passes over the training set so far
 */
public record StepLog(int step, double epoch, double loss, double learningRate, double gradNorm) {
}
