package dev.transformers4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code WordPiece} decoder: every token after the first loses its {@code prefix} ({@code ##}) if
 * it has one, or else gets a leading space; with {@code cleanup}, each token then goes through HF's
 * {@code cleanup} (no space before {@code . ? ! ,}, English contractions re-joined).
 */
public record WordPieceDecoder(String prefix, boolean cleanup) implements Decoder {

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i != 0) {
                token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
            }
            out.add(cleanup ? cleanup(token) : token);
        }
        return out;
    }

    /** HF's {@code decoders::wordpiece::cleanup}, replacement by replacement. */
    static String cleanup(String s) {
        return s.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" do not", " don't")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
