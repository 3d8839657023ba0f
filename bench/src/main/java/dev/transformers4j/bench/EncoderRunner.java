package dev.transformers4j.bench;

/** One implementation of a sentence encoder, as the embed benchmark times it. */
interface EncoderRunner extends AutoCloseable {

    /** {@code "ours"} or {@code "onnxruntime"}: the key of its figures in the report. */
    String name();

    /**
     * Does the input preparation that is not part of the timed work (building tensors) and returns the work
     * itself: one forward pass over {@code input}.
     */
    Runnable forwardPass(SyntheticBatch input);

    /** Releases native resources and restores global settings. */
    @Override
    void close();
}
