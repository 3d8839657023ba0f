package dev.transformers4j.generation;

/**
 * HF's {@code early_stopping} of beam search, which is {@code True}, {@code False} or {@code "never"}.
 */
public enum EarlyStopping {

    /** {@code True}: stop a prompt as soon as it has {@code num_beams} finished candidates. */
    WHEN_BEAMS_FULL,

    /**
     * {@code False} (the default): stop when a heuristic says no running beam can beat the worst finished one,
     * assuming the best a running beam can reach is its current score divided by its current length.
     */
    HEURISTIC,

    /** {@code "never"}: the canonical beam search; only stop when no better candidate is possible at all. */
    NEVER
}
