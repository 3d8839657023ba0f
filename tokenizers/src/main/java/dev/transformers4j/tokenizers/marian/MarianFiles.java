package dev.transformers4j.tokenizers.marian;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads the JSON files of a Marian folder: {@code vocab.json} and {@code tokenizer_config.json}. */
final class MarianFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MarianFiles() {
    }

    /** {@code {piece: id}}; errors name the file. */
    static Map<String, Integer> vocab(Path file) {
        JsonNode root = json(file);
        if (!root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty JSON object {piece: id}");
        }
        Map<String, Integer> vocab = new HashMap<>(root.size() * 2);
        root.properties().forEach(e -> {
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw new IllegalArgumentException(file + ": piece '" + e.getKey() + "': expected a non-negative "
                        + "integer id but was " + e.getValue());
            }
            vocab.put(e.getKey(), e.getValue().asInt());
        });
        return vocab;
    }

    /** The settings of {@code tokenizer_config.json}, or HF's defaults when the file does not exist. */
    static MarianTokenizerConfig config(Path file) {
        MarianTokenizerConfig defaults = MarianTokenizerConfig.defaults();
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        JsonNode root = json(file);
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        return new MarianTokenizerConfig(token(root, "unk_token", defaults.unkToken(), file),
                token(root, "eos_token", defaults.eosToken(), file), token(root, "pad_token", defaults.padToken(), file),
                bool(root, "separate_vocabs", file), bool(root, "clean_up_tokenization_spaces", file));
    }

    /** A special token: a string, or an AddedToken object {@code {"content": ...}}. */
    private static String token(JsonNode root, String field, String fallback, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        JsonNode content = node.isObject() ? node.get("content") : node;
        if (content == null || !content.isTextual() || content.asText().isEmpty()) {
            throw new IllegalArgumentException(file + ": field '" + field + "': expected a token string or "
                    + "{\"content\": string} but was " + node);
        }
        return content.asText();
    }

    private static boolean bool(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(file + ": field '" + field + "': expected true/false but was " + node);
        }
        return node.asBoolean();
    }

    private static JsonNode json(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not valid UTF-8 (expected a JSON file)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null) {
                throw new IllegalArgumentException(file + ": empty file (expected JSON)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": invalid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }
}
