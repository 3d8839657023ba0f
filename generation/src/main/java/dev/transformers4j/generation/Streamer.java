package dev.transformers4j.generation;

/**
 * Receives tokens as soon as they are chosen (HF's {@code BaseStreamer}). Unlike HF, the prompt is not
 * sent, and a row that has finished gets no more calls instead of its padding.
 */
public interface Streamer {

    /** The token just chosen for {@code row} of the generated batch (end-of-sequence tokens included). */
    void put(int row, int token);

    /** Generation is over. */
    default void end() {
    }
}
