package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree exactly as HF tokenizers' {@code save(path, pretty=true)} does (serde_json's pretty
 * printer): two-space indentation, {@code "key": value}, empty containers as {@code []} and {@code {}}, no
 * final newline; strings escape only the quote, the backslash and control characters (newline, tab... as
 * two-character escapes, the others as a six-character escape with lower-case hex digits); everything else
 * is written as it is (UTF-8).
 */
final class HfJsonPrinter {
    private final StringBuilder out = new StringBuilder(1 << 16);

    private HfJsonPrinter() {
    }

    static String pretty(JsonNode root) {
        HfJsonPrinter printer = new HfJsonPrinter();
        printer.value(root, 0);
        return printer.out.toString();
    }

    private void value(JsonNode node, int depth) {
        if (node.isObject()) {
            object(node, depth);
        } else if (node.isArray()) {
            array(node, depth);
        } else if (node.isTextual()) {
            string(node.textValue());
        } else if (node.isNull() || node.isBoolean() || node.isIntegralNumber()) {
            out.append(node.asText());
        } else {
            throw new IllegalArgumentException("tokenizer.json writer: unsupported JSON value " + node);
        }
    }

    private void object(JsonNode node, int depth) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            newline(first ? "" : ",", depth + 1);
            string(field.getKey());
            out.append(": ");
            value(field.getValue(), depth + 1);
            first = false;
        }
        if (!first) {
            newline("", depth);
        }
        out.append('}');
    }

    private void array(JsonNode node, int depth) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            newline(i == 0 ? "" : ",", depth + 1);
            value(node.get(i), depth + 1);
        }
        if (!node.isEmpty()) {
            newline("", depth);
        }
        out.append(']');
    }

    private void newline(String separator, int depth) {
        out.append(separator).append('\n');
        out.repeat("  ", depth);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
