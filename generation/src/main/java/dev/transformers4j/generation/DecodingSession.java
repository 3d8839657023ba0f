package dev.transformers4j.generation;

import dev.transformers4j.models.TokenBatch;

/**
 * What the search loops ({@link SampleSearch}, {@link BeamSearch}) drive, whatever the kind of model: one row per
 * beam or returned sequence, fed its decoder prompt once and then one token per step, each run returning the
 * next-token logits {@code [rows, V]}. {@link IncrementalDecoder} runs a decoder-only model over left-padded
 * prompts; {@link Seq2SeqDecoder} runs an encoder-decoder model's decoder over an encoded source.
 */
interface DecodingSession {

    /** Runs the decoder prompts {@code [rows, P]}; returns the next-token logits {@code [rows, V]}. */
    float[] prefill(TokenBatch prompts);

    /** Runs one new token per row; returns the next-token logits {@code [rows, V]}. */
    float[] step(int[] tokens);

    /** Row i continues from row {@code from[i]} (beam search). */
    void reorder(int[] from);
}
