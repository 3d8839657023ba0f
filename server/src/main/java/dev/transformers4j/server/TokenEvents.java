package dev.transformers4j.server;

import dev.transformers4j.generation.Streamer;
import dev.transformers4j.tokenizers.Tokenizer;
import java.util.Arrays;

/**
 * Turns each generated token of row 0 into one {@code token} event {@code {"id", "token", "text"}}, where text is what
 * the token adds to the decoded output. A byte-level token can end inside a UTF-8 character, which decodes to U+FFFD
 * until a later token completes it: such a tail is held back, so the texts of all events add up to the final text.
 */
final class TokenEvents implements Streamer {

    /** One streamed token. */
    record TokenEvent(int id, String token, String text) {
    }

    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private final EventStream events;
    private int[] ids = new int[0];
    private int sent;

    TokenEvents(Tokenizer tokenizer, EventStream events) {
        this.tokenizer = tokenizer;
        this.events = events;
    }

    @Override
    public void put(int row, int token) {
        if (row != 0) {
            return;
        }
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = token;
        String text = text();
        int end = text.length();
        while (end > sent && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        String piece = end > sent ? text.substring(sent, end) : "";
        sent = Math.max(sent, end);
        events.send("token", new TokenEvent(token, tokenizer.idToToken(token), piece));
    }

    /** Everything generated so far, decoded (special tokens skipped). */
    String text() {
        return tokenizer.decode(ids, true);
    }
}
