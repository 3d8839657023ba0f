package dev.transformers4j.tokenizers.processors;

import dev.transformers4j.tokenizers.encoding.EncodedToken;
import dev.transformers4j.tokenizers.encoding.TokenSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code ByteLevel} post-processor: adds no tokens; with {@code trimOffsets}, a token's offsets
 * leave out its leading and trailing spaces ({@code Ġ}), so {@code "Ġworld"} points at {@code world}.
 * With {@code addPrefixSpace}, a single leading space of a sequence's first token is kept (it was
 * added by the pre-tokenizer and already points at the word).
 *
 * <p>HF counts the trimmed characters of the token and moves the character offsets by that much; the
 * same count is applied to the UTF-16 offsets, which is exact because the trimmed characters stand for
 * spaces, one unit each.
 */
public record ByteLevelProcessor(boolean addPrefixSpace, boolean trimOffsets) implements PostProcessor {
    private static final char SPACE = 'Ġ';

    @Override
    public int addedTokens(boolean isPair) {
        return 0;
    }

    @Override
    public TokenSequence process(TokenSequence first, TokenSequence second, boolean addSpecialTokens) {
        if (trimOffsets) {
            first = trim(first);
            second = second == null ? null : trim(second);
        }
        return PostProcessor.NONE.process(first, second, addSpecialTokens);
    }

    /** HF's {@code process_offsets}, on the tokens and on every overflowing part. */
    private TokenSequence trim(TokenSequence sequence) {
        List<EncodedToken> tokens = new ArrayList<>(sequence.length());
        for (int i = 0; i < sequence.length(); i++) {
            tokens.add(trim(sequence.tokens().get(i), i));
        }
        return new TokenSequence(tokens, sequence.overflowing().stream().map(this::trim).toList());
    }

    private EncodedToken trim(EncodedToken token, int index) {
        String text = token.token();
        int leading = 0;
        while (leading < text.length() && isSpace(text.charAt(leading))) {
            leading++;
        }
        int trailing = 0;
        while (trailing < text.length() && isSpace(text.charAt(text.length() - 1 - trailing))) {
            trailing++;
        }
        boolean first = index == 0 || token.cpStart() == 0;
        if (leading == 1 && first && addPrefixSpace) {
            leading = 0; // the space the pre-tokenizer added
        }
        int cpStart = Math.min(token.cpStart() + leading, token.cpEnd());
        int start = Math.min(token.start() + leading, token.end());
        int cpEnd = token.cpEnd();
        int end = token.end();
        if (trailing > 0 && cpEnd >= trailing) {
            cpEnd = Math.max(cpEnd - trailing, cpStart);
            end = Math.max(end - trailing, start);
        }
        return token.withOffsets(start, end, cpStart, cpEnd);
    }

    /** {@code Ġ} or a whitespace character (Rust {@code char::is_whitespace}; all in the BMP). */
    private static boolean isSpace(char c) {
        return c == SPACE || dev.transformers4j.tokenizers.text.CharClasses.isWhitespace(c);
    }
}
