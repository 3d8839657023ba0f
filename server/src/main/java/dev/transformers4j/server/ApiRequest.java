package dev.transformers4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** A request's JSON object body, read field by field; a missing or wrong field is a 400 that names it. */
final class ApiRequest {

    private final ObjectNode body;

    private ApiRequest(ObjectNode body) {
        this.body = body;
    }

    /** Parses {@code bytes} as one JSON object. */
    static ApiRequest parse(ObjectMapper json, byte[] bytes) {
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body: not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ApiException(400, "request body: not JSON (" + e.getMessage() + ")");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ApiException(400, "request body: expected a JSON object such as {\"model\": \"...\", \"text\": \"...\"}");
        }
        return new ApiRequest(o);
    }

    /** A required string. */
    String string(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badField(field, "missing (expected a string)");
        }
        if (!v.isTextual()) {
            throw ApiException.badField(field, "expected a string but was " + v);
        }
        return v.textValue();
    }

    /** An optional whole number in [min, max]; {@code fallback} when absent or null. */
    Integer integer(String field, Integer fallback, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.badField(field, "expected a whole number in " + min + ".." + max + " but was " + v);
        }
        return v.intValue();
    }

    /** An optional number in [min, max]; {@code fallback} when absent or null. */
    Double number(String field, Double fallback, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw ApiException.badField(field, "expected a number in " + min + ".." + max + " but was " + v);
        }
        return v.doubleValue();
    }

    /** An optional whole number (a seed); null when absent. */
    Long longValue(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badField(field, "expected a whole number but was " + v);
        }
        return v.longValue();
    }
}
