package dev.transformers4j.generation;

/**
 * Turns token ids into text (a tokenizer's {@code decode}); generation needs it only for stop strings and
 * {@link TextStreamer}. Byte-level BPE decoders return U+FFFD for an incomplete UTF-8 character at the end.
 */
@FunctionalInterface
public interface TokenDecoder {

    String decode(int[] ids);
}
