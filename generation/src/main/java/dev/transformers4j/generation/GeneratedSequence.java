package dev.transformers4j.generation;

/**
 * One returned sequence.
 *
 * @param ids    HF's {@code sequences} row: the prompt with its left padding (encoder-decoder: the decoder start
 *               token), the new tokens, and pad ids up to the longest sequence of the batch
 * @param newIds only the tokens generated for this sequence (its EOS included, padding excluded)
 */
public record GeneratedSequence(int[] ids, int[] newIds) {
}
