package dev.transformers4j.server;

/**
 * A request the API refuses, with its HTTP status: 400 names the bad field, 404 the unknown model or endpoint,
 * 405 the method. It becomes the response {@code {"error": message}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400: {@code field} of the request is wrong; the message says what was expected. */
    public static ApiException badField(String field, String expected) {
        return new ApiException(400, field + ": " + expected);
    }

    public int status() {
        return status;
    }
}
