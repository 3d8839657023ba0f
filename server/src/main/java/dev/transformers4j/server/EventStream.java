package dev.transformers4j.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code text/event-stream} response (server-sent events), sent chunked: each {@link #send} writes
 * {@code event: NAME} and one line {@code data: JSON}, then flushes, so the page sees it at once.
 */
final class EventStream {

    private final OutputStream out;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    /** Sends the 200 headers (no length: chunked) and returns the stream. */
    static EventStream open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        // no-cache rather than no-store: Chromium reports a no-store fetch read with getReader() as aborted
        // after its last byte (Playwright issue 42742), though the page received everything
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new EventStream(exchange.getResponseBody());
    }

    /** One event; {@link UncheckedIOException} when the client has gone (which stops the producer). */
    void send(String event, Object data) {
        try {
            String json = ApiResponses.JSON.writeValueAsString(data);           // one line: no raw newlines in JSON
            out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
