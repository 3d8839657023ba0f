package dev.transformers4j.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/...}: finds the endpoint of a path, reads the JSON body and turns every failure into
 * {@code {"error": "..."}} with its status (400 bad field, 404 unknown model or endpoint, 405 wrong method, 413
 * body too large, 500 anything else).
 */
final class ApiRoutes implements HttpHandler {

    /** An endpoint answering with one JSON value. */
    @FunctionalInterface
    interface JsonEndpoint {
        Object answer(ApiRequest request);
    }

    /** An endpoint writing its own response (a stream); it throws {@link ApiException} before writing. */
    @FunctionalInterface
    interface StreamEndpoint {
        void answer(ApiRequest request, HttpExchange exchange) throws IOException;
    }

    private record Route(String method, StreamEndpoint endpoint) {
    }

    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    ApiRoutes get(String path, JsonEndpoint endpoint) {
        routes.put(path, new Route("GET", json(endpoint)));
        return this;
    }

    ApiRoutes post(String path, JsonEndpoint endpoint) {
        routes.put(path, new Route("POST", json(endpoint)));
        return this;
    }

    ApiRoutes postStream(String path, StreamEndpoint endpoint) {
        routes.put(path, new Route("POST", endpoint));
        return this;
    }

    private static StreamEndpoint json(JsonEndpoint endpoint) {
        return (request, exchange) -> ApiResponses.send(exchange, 200, endpoint.answer(request));
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {                                     // closed after the catch blocks below have answered
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) {
        try {
            Route route = route(exchange);
            route.endpoint().answer(request(exchange, route.method()), exchange);
        } catch (ApiException e) {
            fail(exchange, e.status(), e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            fail(exchange, 400, e.getMessage(), null);
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("{}: the client went away ({})", exchange.getRequestURI(), e.getMessage());
        } catch (RuntimeException e) {
            fail(exchange, 500, e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    private Route route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        if (route == null) {
            throw new ApiException(404, "no endpoint " + path + " (endpoints: " + String.join(", ", routes.keySet()) + ")");
        }
        if (!route.method().equals(exchange.getRequestMethod())) {
            throw new ApiException(405, path + ": expected " + route.method() + " but was " + exchange.getRequestMethod());
        }
        return route;
    }

    private static ApiRequest request(HttpExchange exchange, String method) throws IOException {
        if (method.equals("GET")) {
            return null;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "request body: larger than " + MAX_BODY_BYTES + " bytes");
            }
            return ApiRequest.parse(ApiResponses.JSON, body);
        }
    }

    private static void fail(HttpExchange exchange, int status, String message, RuntimeException cause) {
        if (cause != null) {
            LOG.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), message, cause);
        }
        if (exchange.getResponseCode() != -1) {
            return;                                              // a stream already started: it reports its own errors
        }
        try {
            ApiResponses.error(exchange, status, message);
        } catch (IOException e) {
            LOG.debug("could not send the error response: {}", e.getMessage());
        }
    }
}
