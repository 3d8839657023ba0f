package dev.transformers4j.train;

/** An evaluation after {@code step} updates. */
public record EvalLog(int step, EvalResult result) {
}
