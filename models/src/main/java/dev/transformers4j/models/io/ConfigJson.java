package dev.transformers4j.models.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A {@code config.json} being read: typed accessors that name the file and the field when a value is
 * missing or of the wrong kind, so a config record's {@code fromJson} reads as a list of fields.
 */
public final class ConfigJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final ObjectNode root;

    public ConfigJson(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads and parses a JSON file (strict UTF-8). */
    public static ConfigJson read(Path file) {
        return new ConfigJson(file, readObject(file));
    }

    /** Reads a JSON object from a file, with errors that name the file. */
    public static ObjectNode readObject(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "file not found");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "not valid UTF-8");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ModelFileException(file, "expected a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    /** Writes a JSON object atomically, pretty-printed. */
    public static void write(Path file, ObjectNode node) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(node) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file() {
        return file;
    }

    public ObjectNode root() {
        return root;
    }

    public boolean has(String field) {
        return root.hasNonNull(field);
    }

    /** A required integer field. */
    public int requireInt(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw error(field, "missing (expected an integer)");
        }
        return asInt(field, n);
    }

    /** An optional integer field. */
    public int getInt(String field, int fallback) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? fallback : asInt(field, n);
    }

    /** An optional integer field that may be null ({@code n_inner}); null when absent. */
    public Integer getIntOrNull(String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : asInt(field, n);
    }

    public double getDouble(String field, double fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw error(field, "expected a number but was " + n);
        }
        return n.asDouble();
    }

    public String getString(String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw error(field, "expected a string but was " + n);
        }
        return n.asText();
    }

    public boolean getBoolean(String field, boolean fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(field, "expected true or false but was " + n);
        }
        return n.asBoolean();
    }

    /** An error naming this file and a field. */
    public ModelFileException error(String field, String message) {
        return new ModelFileException(file, "field '" + field + "': " + message);
    }

    private int asInt(String field, JsonNode n) {
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error(field, "expected an integer but was " + n);
        }
        return n.asInt();
    }
}
