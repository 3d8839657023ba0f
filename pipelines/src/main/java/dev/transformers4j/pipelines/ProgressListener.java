package dev.transformers4j.pipelines;

/** Told how far a long pipeline run has got (the CLI draws a progress bar with it). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} inputs are finished. */
    void progress(int done, int total);
}
