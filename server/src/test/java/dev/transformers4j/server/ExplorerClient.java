package dev.transformers4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Calls a running explorer over real HTTP, as the page does. */
record ExplorerClient(URI base) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A status and its JSON body. */
    record Answer(int status, JsonNode json, String contentType) {
    }

    /** One server-sent event. */
    record Event(String name, JsonNode data) {
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    Answer post(String path, Object body) {
        return post(path, write(body));
    }

    /** POSTs and reads the whole {@code text/event-stream}. */
    List<Event> events(String path, Object body) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2)).build();
        try {
            HttpResponse<java.io.InputStream> res = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                throw new AssertionError("status " + res.statusCode() + ": " + new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            return parseEvents(new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8)));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Event> parseEvents(BufferedReader in) throws IOException {
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name, JSON.readTree(line.substring(6))));
            }
        }
        return events;
    }

    private Answer send(HttpRequest.Builder req) {
        try {
            HttpResponse<String> res = HTTP.send(req.timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = res.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.startsWith("application/json") ? JSON.readTree(res.body()) : JSON.valueToTree(res.body());
            return new Answer(res.statusCode(), json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
