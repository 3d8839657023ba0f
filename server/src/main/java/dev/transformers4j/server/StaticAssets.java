package dev.transformers4j.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The page: {@code /} is index.html; explorer.js and explorer.css beside it, read from this package's resources. */
final class StaticAssets implements HttpHandler {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/explorer.js", "explorer.js",
            "/explorer.css", "explorer.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String file = FILES.get(exchange.getRequestURI().getPath());
            byte[] bytes = file == null ? null : read(file);
            if (bytes == null || !exchange.getRequestMethod().equals("GET")) {
                byte[] msg = ("not found: " + exchange.getRequestURI().getPath() + " (the explorer is at /)")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, msg.length);
                exchange.getResponseBody().write(msg);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = StaticAssets.class.getResourceAsStream("explorer/" + file)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/transformers4j/server/explorer/" + file + " is missing");
            }
            return in.readAllBytes();
        }
    }
}
