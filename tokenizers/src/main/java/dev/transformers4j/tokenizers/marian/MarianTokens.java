package dev.transformers4j.tokenizers.marian;

import dev.transformers4j.tokenizers.sentencepiece.SentencePieceProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HF's slow-tokenizer {@code tokenize} for Marian: the text is cut around the special tokens written in
 * it ({@code tokens_trie.split}: the leftmost occurrence first, the longest of those starting there),
 * which stay tokens of their own; each piece of text between them goes through {@code _tokenize}: a
 * language code matching {@code >>.+<<} at its start is one token (Python's {@code re}: greedy, {@code .}
 * is anything but a newline), every match of that regex is removed, and SentencePiece cuts the rest.
 */
final class MarianTokens {
    private static final Pattern LANGUAGE_CODE = Pattern.compile(">>.+<<", Pattern.UNIX_LINES);

    private MarianTokens() {
    }

    static List<String> tokenize(String text, List<String> specialTokens, SentencePieceProcessor spm) {
        List<String> tokens = new ArrayList<>();
        for (String chunk : split(text, specialTokens)) {
            if (specialTokens.contains(chunk)) {
                tokens.add(chunk);
                continue;
            }
            Matcher code = LANGUAGE_CODE.matcher(chunk);
            if (code.lookingAt()) {
                tokens.add(code.group());
            }
            tokens.addAll(spm.encodePieces(LANGUAGE_CODE.matcher(chunk).replaceAll("")));
        }
        return tokens;
    }

    /** The text cut around the special tokens, which are kept as pieces; no empty pieces. */
    static List<String> split(String text, List<String> specialTokens) {
        List<String> pieces = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < text.length(); ) {
            String found = null;
            for (String token : specialTokens) {
                if (text.startsWith(token, i) && (found == null || token.length() > found.length())) {
                    found = token;
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            if (done < i) {
                pieces.add(text.substring(done, i));
            }
            pieces.add(found);
            i += found.length();
            done = i;
        }
        if (done < text.length()) {
            pieces.add(text.substring(done));
        }
        return pieces;
    }
}
