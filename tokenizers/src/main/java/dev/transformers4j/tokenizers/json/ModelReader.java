package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.models.BPE;
import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.models.WordPiece;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
            case "BPE" -> bpe(node);
            case "Unigram" -> new SentencePieceComponents(fields).unigram(node);
            default -> throw fields.unsupported("model", "model", type, "WordPiece, BPE, Unigram");
        };
    }

    /** Old files have no {@code "type"}; HF then tries each model, BPE first. */
    private String guessType(JsonNode node) {
        if (node.has("merges")) {
            return "BPE";
        }
        if (node.has("max_input_chars_per_word")) {
            return "WordPiece";
        }
        if (node.has("vocab") && node.get("vocab").isArray()) {
            return "Unigram";
        }
        throw fields.error("model.type", "missing, and the model is not recognisable as WordPiece, BPE or Unigram");
    }

    private BPE bpe(JsonNode node) {
        JsonNode dropout = fields.optional(node, "dropout");
        if (dropout != null && dropout.asDouble() != 0.0) {
            throw fields.error("model.dropout", "BPE dropout " + dropout + " is not supported (only null)");
        }
        BPE.Options options = new BPE.Options(fields.text(node, "unk_token", "model", null),
                fields.text(node, "continuing_subword_prefix", "model", null),
                fields.text(node, "end_of_word_suffix", "model", null),
                fields.bool(node, "fuse_unk", "model", false),
                fields.bool(node, "byte_fallback", "model", false),
                fields.bool(node, "ignore_merges", "model", false));
        try {
            return new BPE(vocab(node), merges(node), options);
        } catch (BPE.MergeOutOfVocabulary e) {
            throw fields.error("model.merges[" + e.index() + "]", e.getMessage());
        }
    }

    /** {@code ["a b", ...]} (split on the one space) or {@code [["a", "b"], ...]}. */
    private List<BPE.Merge> merges(JsonNode node) {
        JsonNode array = fields.required(node, "merges", "model");
        if (!array.isArray()) {
            throw fields.error("model.merges", "expected an array of \"a b\" strings or [a, b] pairs");
        }
        List<BPE.Merge> merges = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode merge = array.get(i);
            String[] parts = merge.isTextual() ? merge.asText().split(" ", -1)
                    : merge.isArray() && merge.size() == 2 && merge.get(0).isTextual() && merge.get(1).isTextual()
                    ? new String[] {merge.get(0).asText(), merge.get(1).asText()} : null;
            if (parts == null || parts.length != 2) {
                throw fields.error("model.merges[" + i + "]", "expected \"a b\" or [\"a\", \"b\"] but was " + merge);
            }
            merges.add(new BPE.Merge(parts[0], parts[1]));
        }
        return merges;
    }

    private WordPiece wordPiece(JsonNode node) {
        return new WordPiece(vocab(node), fields.text(node, "unk_token", "model", "[UNK]"),
                fields.text(node, "continuing_subword_prefix", "model", "##"),
                fields.integer(node, "max_input_chars_per_word", "model", 100));
    }

    Map<String, Integer> vocab(JsonNode node) {
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
