package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.decoders.Decoder;
import dev.transformers4j.tokenizers.decoders.WordPieceDecoder;
import dev.transformers4j.tokenizers.normalizers.BertNormalizer;
import dev.transformers4j.tokenizers.normalizers.Lowercase;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.normalizers.NormalizerSequence;
import dev.transformers4j.tokenizers.normalizers.StripAccents;
import dev.transformers4j.tokenizers.normalizers.UnicodeDecomposition;
import dev.transformers4j.tokenizers.pretokenizers.BertPreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizerSequence;
import dev.transformers4j.tokenizers.pretokenizers.Whitespace;
import dev.transformers4j.tokenizers.pretokenizers.WhitespaceSplit;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;

/** Builds normalizers, pre-tokenizers and decoders from their JSON objects, chosen by {@code "type"}. */
final class ComponentReader {
    private final JsonFields fields;

    ComponentReader(JsonFields fields) {
        this.fields = fields;
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
            default -> throw fields.unsupported(path, "normalizer", type,
                    "BertNormalizer, Sequence, NFD, NFKD, Lowercase, StripAccents");
        };
    }

    PreTokenizer preTokenizer(JsonNode node, String path) {
        String type = fields.type(node, path);
        return switch (type) {
            case "BertPreTokenizer" -> BertPreTokenizer.INSTANCE;
            case "Whitespace" -> Whitespace.INSTANCE;
            case "WhitespaceSplit" -> WhitespaceSplit.INSTANCE;
            case "Sequence" -> new PreTokenizerSequence(list(node, "pretokenizers", path, this::preTokenizer));
            default -> throw fields.unsupported(path, "pre_tokenizer", type,
                    "BertPreTokenizer, Whitespace, WhitespaceSplit, Sequence");
        };
    }

    Decoder decoder(JsonNode node, String path) {
        String type = fields.type(node, path);
        return switch (type) {
            case "WordPiece" -> new WordPieceDecoder(fields.text(node, "prefix", path, "##"),
                    fields.bool(node, "cleanup", path, true));
            default -> throw fields.unsupported(path, "decoder", type, "WordPiece");
        };
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
