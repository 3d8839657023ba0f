package dev.transformers4j.tokenizers.decoders;

import java.util.List;

/**
 * HF's {@code Fuse} decoder: all tokens concatenated into one string, with no separator. Character-level
 * tokenizers use it, so that decoding a text's ids gives the text back exactly.
 */
public enum FuseDecoder implements Decoder {
    INSTANCE;

    @Override
    public List<String> decodeChain(List<String> tokens) {
        return List.of(String.join("", tokens));
    }
}
