package dev.transformers4j.tokenizers.marian;

import dev.transformers4j.tokenizers.sentencepiece.SentencePieceProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * HF {@code MarianTokenizer.convert_tokens_to_string} and what {@code decode} does after it: the
 * pieces between special tokens are joined by the target model's SentencePiece decoding, a special
 * token is written as itself followed by a space, any {@code ▁} left becomes a space, the result is
 * stripped (Python's {@code str.strip}) and, with {@code clean_up_tokenization_spaces}, cleaned up.
 */
final class MarianDecoding {
    private final MarianTokenizerConfig config;
    private final SentencePieceProcessor spm;

    MarianDecoding(MarianTokenizerConfig config, SentencePieceProcessor spm) {
        this.config = config;
        this.spm = spm;
    }

    String tokensToString(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        List<String> current = new ArrayList<>();
        for (String token : tokens) {
            if (config.specialTokens().contains(token)) {
                out.append(spm.decodePieces(current)).append(token).append(' ');
                current.clear();
            } else {
                current.add(token);
            }
        }
        out.append(spm.decodePieces(current));
        String text = pythonStrip(out.toString().replace('\u2581', ' '));
        return config.cleanUpTokenizationSpaces() ? cleanUp(text) : text;
    }

    /** Python's {@code str.strip()}: removes the characters {@code str.isspace} accepts at both ends. */
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isPythonSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Python's {@code str.isspace} for one character: Java's whitespace plus the no-break spaces and U+0085. */
    static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F || cp == 0x0085;
    }

    /** HF {@code PreTrainedTokenizerBase.clean_up_tokenization}. */
    static String cleanUp(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s").replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
