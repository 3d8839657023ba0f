package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.models.WordPiece;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Builds the {@code "model"} of {@code tokenizer.json}. */
final class ModelReader {
    private final JsonFields fields;

    ModelReader(JsonFields fields) {
        this.fields = fields;
    }

    Model model(JsonNode node) {
        String type = fields.optional(node, "type") == null ? guessType(node) : fields.type(node, "model");
        return switch (type) {
            case "WordPiece" -> wordPiece(node);
            default -> throw fields.unsupported("model", "model", type, "WordPiece");
        };
    }

    /** Old files have no {@code "type"}; HF then tries each model. */
    private String guessType(JsonNode node) {
        if (node.has("max_input_chars_per_word")) {
            return "WordPiece";
        }
        throw fields.error("model.type", "missing, and the model is not recognisable as WordPiece");
    }

    private WordPiece wordPiece(JsonNode node) {
        return new WordPiece(vocab(node), fields.text(node, "unk_token", "model", "[UNK]"),
                fields.text(node, "continuing_subword_prefix", "model", "##"),
                fields.integer(node, "max_input_chars_per_word", "model", 100));
    }

    private Map<String, Integer> vocab(JsonNode node) {
        JsonNode vocab = fields.required(node, "vocab", "model");
        if (!vocab.isObject()) {
            throw fields.error("model.vocab", "expected an object {token: id}");
        }
        Map<String, Integer> map = new HashMap<>(vocab.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isIntegralNumber()) {
                throw fields.error("model.vocab." + entry.getKey(), "expected an integer id");
            }
            map.put(entry.getKey(), entry.getValue().asInt());
        }
        return map;
    }
}
