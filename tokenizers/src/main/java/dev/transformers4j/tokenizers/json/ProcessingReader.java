package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.Padding;
import dev.transformers4j.tokenizers.Truncation;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.processors.ByteLevelProcessor;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import dev.transformers4j.tokenizers.processors.TemplateProcessing;
import dev.transformers4j.tokenizers.processors.TemplateProcessing.Piece;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code "added_tokens"}, {@code "post_processor"}, {@code "truncation"} and {@code "padding"}. */
final class ProcessingReader {
    private final JsonFields fields;

    ProcessingReader(JsonFields fields) {
        this.fields = fields;
    }

    List<AddedToken> addedTokens(JsonNode array) {
        List<AddedToken> tokens = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode t = array.get(i);
            String path = "added_tokens[" + i + "]";
            boolean special = fields.bool(t, "special", path, false);
            tokens.add(new AddedToken(fields.integer(t, "id", path), fields.text(t, "content", path),
                    fields.bool(t, "single_word", path, false), fields.bool(t, "lstrip", path, false),
                    fields.bool(t, "rstrip", path, false), fields.bool(t, "normalized", path, !special), special));
        }
        return tokens;
    }

    PostProcessor postProcessor(JsonNode node) {
        String type = fields.type(node, "post_processor");
        return switch (type) {
            case "TemplateProcessing" -> template(node);
            case "BertProcessing" -> {
                JsonNode sep = fields.required(node, "sep", "post_processor");
                JsonNode cls = fields.required(node, "cls", "post_processor");
                yield TemplateProcessing.bert(sep.get(0).asText(), sep.get(1).asInt(), cls.get(0).asText(),
                        cls.get(1).asInt());
            }
            case "ByteLevel" -> new ByteLevelProcessor(fields.bool(node, "add_prefix_space", "post_processor", true),
                    fields.bool(node, "trim_offsets", "post_processor", true));
            default -> throw fields.unsupported("post_processor", "post_processor", type,
                    "TemplateProcessing, BertProcessing, ByteLevel");
        };
    }

    private TemplateProcessing template(JsonNode node) {
        Map<String, TemplateProcessing.SpecialToken> specials = new HashMap<>();
        JsonNode map = fields.required(node, "special_tokens", "post_processor");
        map.properties().forEach(e -> {
            String path = "post_processor.special_tokens." + e.getKey();
            List<Integer> ids = new ArrayList<>();
            fields.required(e.getValue(), "ids", path).forEach(id -> ids.add(id.asInt()));
            List<String> tokens = new ArrayList<>();
            fields.required(e.getValue(), "tokens", path).forEach(t -> tokens.add(t.asText()));
            specials.put(e.getKey(), new TemplateProcessing.SpecialToken(e.getKey(), ids, tokens));
        });
        return new TemplateProcessing(pieces(node, "single", specials), pieces(node, "pair", specials), specials);
    }

    private List<Piece> pieces(JsonNode node, String field, Map<String, TemplateProcessing.SpecialToken> specials) {
        List<Piece> pieces = new ArrayList<>();
        JsonNode array = fields.required(node, field, "post_processor");
        for (int i = 0; i < array.size(); i++) {
            String path = "post_processor." + field + "[" + i + "]";
            JsonNode piece = array.get(i);
            if (piece.has("Sequence")) {
                JsonNode s = piece.get("Sequence");
                pieces.add(new TemplateProcessing.SequencePiece(fields.text(s, "id", path).equals("A"),
                        fields.integer(s, "type_id", path, 0)));
            } else if (piece.has("SpecialToken")) {
                JsonNode s = piece.get("SpecialToken");
                String id = fields.text(s, "id", path);
                if (!specials.containsKey(id)) {
                    throw fields.error(path, "special token '" + id + "' is not in post_processor.special_tokens");
                }
                pieces.add(new TemplateProcessing.SpecialTokenPiece(id, fields.integer(s, "type_id", path, 0)));
            } else {
                throw fields.error(path, "expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
            }
        }
        return pieces;
    }

    Truncation truncation(JsonNode node) {
        String strategy = fields.text(node, "strategy", "truncation", "LongestFirst");
        String direction = fields.text(node, "direction", "truncation", "Right");
        return new Truncation(fields.integer(node, "max_length", "truncation"), switch (strategy) {
            case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> throw fields.error("truncation.strategy", "unknown strategy '" + strategy + "'");
        }, fields.integer(node, "stride", "truncation", 0), switch (direction) {
            case "Left" -> Truncation.Direction.LEFT;
            case "Right" -> Truncation.Direction.RIGHT;
            default -> throw fields.error("truncation.direction", "unknown direction '" + direction + "'");
        });
    }

    Padding padding(JsonNode node) {
        JsonNode strategy = fields.required(node, "strategy", "padding");
        boolean fixed = strategy.isObject() && strategy.has("Fixed");
        if (!fixed && !"BatchLongest".equals(strategy.asText())) {
            throw fields.error("padding.strategy", "expected \"BatchLongest\" or {\"Fixed\": n} but was " + strategy);
        }
        String direction = fields.text(node, "direction", "padding", "Right");
        return new Padding(fixed ? Padding.Strategy.FIXED : Padding.Strategy.BATCH_LONGEST,
                fixed ? strategy.get("Fixed").asInt() : 0, switch (direction) {
                    case "Left" -> Padding.Direction.LEFT;
                    case "Right" -> Padding.Direction.RIGHT;
                    default -> throw fields.error("padding.direction", "unknown direction '" + direction + "'");
                }, fields.integer(node, "pad_to_multiple_of", "padding", 0), fields.integer(node, "pad_id", "padding", 0),
                fields.integer(node, "pad_type_id", "padding", 0), fields.text(node, "pad_token", "padding", "[PAD]"));
    }
}
