package dev.transformers4j.tokenizers.decoders;

import java.util.List;

/** Turns tokens back into text (HF's {@code Decoder}): {@code decode = join("", decodeChain(tokens))}. */
public interface Decoder {
    List<String> decodeChain(List<String> tokens);

    default String decode(List<String> tokens) {
        return String.join("", decodeChain(tokens));
    }
}
