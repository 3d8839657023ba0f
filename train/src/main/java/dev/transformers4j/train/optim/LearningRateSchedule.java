package dev.transformers4j.train.optim;

/**
 * The learning rate as a function of the step, as HF's {@code LambdaLR}-based schedules: {@code lr(step)} is
 * the rate of the update that follows {@code step} completed updates, so the first update uses {@code lr(0)}.
 * The schedule holds no state besides the step, which the trainer saves; see {@link Schedule} for the
 * standard ones.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate after {@code step} (≥ 0) completed updates. */
    double lr(int step);
}
