package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.decoders.ByteLevelDecoder;
import dev.transformers4j.tokenizers.decoders.Decoder;
import dev.transformers4j.tokenizers.decoders.FuseDecoder;
import dev.transformers4j.tokenizers.decoders.WordPieceDecoder;
import dev.transformers4j.tokenizers.normalizers.BertNormalizer;
import dev.transformers4j.tokenizers.normalizers.Lowercase;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.normalizers.NormalizerSequence;
import dev.transformers4j.tokenizers.normalizers.StripAccents;
import dev.transformers4j.tokenizers.normalizers.UnicodeDecomposition;
import dev.transformers4j.tokenizers.pretokenizers.BertPreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.ByteLevel;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizerSequence;
import dev.transformers4j.tokenizers.pretokenizers.Split;
import dev.transformers4j.tokenizers.pretokenizers.Whitespace;
import dev.transformers4j.tokenizers.pretokenizers.WhitespaceSplit;
import dev.transformers4j.tokenizers.text.SplitBehavior;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;

/** Builds normalizers, pre-tokenizers and decoders from their JSON objects, chosen by {@code "type"}. */
final class ComponentReader {
    private final JsonFields fields;
    private final SentencePieceComponents sentencePiece;

    ComponentReader(JsonFields fields) {
        this.fields = fields;
        this.sentencePiece = new SentencePieceComponents(fields);
    }

    Normalizer normalizer(JsonNode node, String path) {
        String type = fields.type(node, path);
        return switch (type) {
            case "BertNormalizer" -> {
                JsonNode strip = fields.optional(node, "strip_accents");
                yield BertNormalizer.of(fields.bool(node, "clean_text", path, true),
                        fields.bool(node, "handle_chinese_chars", path, true),
                        strip == null ? null : fields.bool(node, "strip_accents", path, false),
                        fields.bool(node, "lowercase", path, true));
            }
            case "Sequence" -> new NormalizerSequence(list(node, "normalizers", path, this::normalizer));
            case "NFD" -> new UnicodeDecomposition(Form.NFD);
            case "NFKD" -> new UnicodeDecomposition(Form.NFKD);
            case "Lowercase" -> Lowercase.INSTANCE;
            case "StripAccents" -> StripAccents.INSTANCE;
            case "Precompiled" -> sentencePiece.precompiled(node, path);
            case "Strip" -> sentencePiece.strip(node, path);
            case "Replace" -> sentencePiece.replace(node, path);
            default -> throw fields.unsupported(path, "normalizer", type,
                    "BertNormalizer, Sequence, NFD, NFKD, Lowercase, StripAccents, Precompiled, Strip, Replace");
        };
    }

    PreTokenizer preTokenizer(JsonNode node, String path) {
        String type = fields.type(node, path);
        return switch (type) {
            case "BertPreTokenizer" -> BertPreTokenizer.INSTANCE;
            case "Whitespace" -> Whitespace.INSTANCE;
            case "WhitespaceSplit" -> WhitespaceSplit.INSTANCE;
            case "Sequence" -> new PreTokenizerSequence(list(node, "pretokenizers", path, this::preTokenizer));
            case "ByteLevel" -> new ByteLevel(fields.bool(node, "add_prefix_space", path, true),
                    fields.bool(node, "use_regex", path, true));
            case "Split" -> split(node, path);
            case "Metaspace" -> sentencePiece.metaspace(node, path);
            default -> throw fields.unsupported(path, "pre_tokenizer", type,
                    "BertPreTokenizer, Whitespace, WhitespaceSplit, Sequence, ByteLevel, Split, Metaspace");
        };
    }

    Decoder decoder(JsonNode node, String path) {
        String type = fields.type(node, path);
        return switch (type) {
            case "WordPiece" -> new WordPieceDecoder(fields.text(node, "prefix", path, "##"),
                    fields.bool(node, "cleanup", path, true));
            case "ByteLevel" -> ByteLevelDecoder.INSTANCE;
            case "Fuse" -> FuseDecoder.INSTANCE;
            case "Metaspace" -> sentencePiece.metaspaceDecoder(node, path);
            default -> throw fields.unsupported(path, "decoder", type, "WordPiece, ByteLevel, Fuse, Metaspace");
        };
    }

    /** {@code {"type": "Split", "pattern": {"String": s} | {"Regex": r}, "behavior": ..., "invert": b}}. */
    private Split split(JsonNode node, String path) {
        JsonNode pattern = fields.required(node, "pattern", path);
        String behaviorName = fields.text(node, "behavior", path);
        SplitBehavior behavior = switch (behaviorName) {
            case "Removed" -> SplitBehavior.REMOVED;
            case "Isolated" -> SplitBehavior.ISOLATED;
            case "MergedWithPrevious" -> SplitBehavior.MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> SplitBehavior.MERGED_WITH_NEXT;
            case "Contiguous" -> SplitBehavior.CONTIGUOUS;
            default -> throw fields.error(path + ".behavior", "unknown behavior '" + behaviorName
                    + "' (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
        };
        boolean invert = fields.bool(node, "invert", path, false);
        String patternPath = path + ".pattern";
        if (pattern.has("String")) {
            return Split.onString(fields.text(pattern, "String", patternPath), behavior, invert);
        }
        if (!pattern.has("Regex")) {
            throw fields.error(patternPath, "expected {\"String\": ...} or {\"Regex\": ...}");
        }
        try {
            return Split.onRegex(fields.text(pattern, "Regex", patternPath), behavior, invert);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw fields.error(patternPath + ".Regex", "invalid regex: " + e.getMessage());
        }
    }

    private interface Reader<T> {
        T read(JsonNode node, String path);
    }

    private <T> List<T> list(JsonNode node, String field, String path, Reader<T> reader) {
        JsonNode array = fields.required(node, field, path);
        if (!array.isArray()) {
            throw fields.error(path + "." + field, "expected an array");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add(reader.read(array.get(i), path + "." + field + "[" + i + "]"));
        }
        return items;
    }
}
