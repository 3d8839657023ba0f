package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads fields of a {@code tokenizer.json} node; every error names the file and the field path. */
final class JsonFields {
    private final String source;

    JsonFields(String source) {
        this.source = source;
    }

    IllegalArgumentException error(String path, String message) {
        return new IllegalArgumentException(source + ": field '" + path + "': " + message);
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    JsonNode required(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw error(join(path, field), "missing");
        }
        return node;
    }

    /** The field, or {@code null} when absent or JSON null. */
    JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    String text(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isTextual()) {
            throw error(join(path, field), "expected a string but was " + node.getNodeType());
        }
        return node.asText();
    }

    String text(JsonNode parent, String field, String path, String fallback) {
        return optional(parent, field) == null ? fallback : text(parent, field, path);
    }

    int integer(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw error(join(path, field), "expected an integer but was " + node);
        }
        return node.asInt();
    }

    int integer(JsonNode parent, String field, String path, int fallback) {
        return optional(parent, field) == null ? fallback : integer(parent, field, path);
    }

    boolean bool(JsonNode parent, String field, String path, boolean fallback) {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error(join(path, field), "expected true/false but was " + node);
        }
        return node.asBoolean();
    }

    /** The {@code "type"} of a component, e.g. {@code "BertNormalizer"}. */
    String type(JsonNode component, String path) {
        return text(component, "type", path);
    }

    IllegalArgumentException unsupported(String path, String kind, String type, String supported) {
        return error(path + ".type", "unsupported " + kind + " type '" + type + "' (supported: " + supported + ")");
    }
}
