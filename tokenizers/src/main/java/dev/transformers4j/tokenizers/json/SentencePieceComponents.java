package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.tokenizers.decoders.MetaspaceDecoder;
import dev.transformers4j.tokenizers.models.Unigram;
import dev.transformers4j.tokenizers.normalizers.Precompiled;
import dev.transformers4j.tokenizers.normalizers.PrecompiledCharsMap;
import dev.transformers4j.tokenizers.normalizers.Replace;
import dev.transformers4j.tokenizers.normalizers.Strip;
import dev.transformers4j.tokenizers.pretokenizers.Metaspace;
import dev.transformers4j.tokenizers.pretokenizers.Metaspace.PrependScheme;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON of the components a converted SentencePiece model uses (HF's {@code SpmConverter}):
 * {@code Precompiled}, {@code Strip} and {@code Replace} normalizers, the {@code Metaspace}
 * pre-tokenizer and decoder, and the {@code Unigram} model.
 */
final class SentencePieceComponents {
    private final JsonFields fields;

    SentencePieceComponents(JsonFields fields) {
        this.fields = fields;
    }

    /** {@code {"type": "Precompiled", "precompiled_charsmap": base64}}. */
    Precompiled precompiled(JsonNode node, String path) {
        String base64 = fields.text(node, "precompiled_charsmap", path);
        try {
            return new Precompiled(PrecompiledCharsMap.parse(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            throw fields.error(path + ".precompiled_charsmap", "expected base64 of SentencePiece's compiled "
                    + "normalization rules: " + e.getMessage());
        }
    }

    /** {@code {"type": "Strip", "strip_left": b, "strip_right": b}}. */
    Strip strip(JsonNode node, String path) {
        return new Strip(fields.bool(node, "strip_left", path, false), fields.bool(node, "strip_right", path, false));
    }

    /** {@code {"type": "Replace", "pattern": {"String": s} | {"Regex": r}, "content": c}}. */
    Replace replace(JsonNode node, String path) {
        JsonNode pattern = fields.required(node, "pattern", path);
        String content = fields.text(node, "content", path);
        if (pattern.has("String")) {
            return Replace.onString(fields.text(pattern, "String", path + ".pattern"), content);
        }
        if (!pattern.has("Regex")) {
            throw fields.error(path + ".pattern", "expected {\"String\": ...} or {\"Regex\": ...}");
        }
        try {
            return Replace.onRegex(fields.text(pattern, "Regex", path + ".pattern"), content);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw fields.error(path + ".pattern.Regex", "invalid regex: " + e.getMessage());
        }
    }

    /** The Metaspace pre-tokenizer: {@code replacement}, {@code prepend_scheme}, {@code split}. */
    Metaspace metaspace(JsonNode node, String path) {
        return new Metaspace(replacement(node, path), prependScheme(node, path), fields.bool(node, "split", path, true));
    }

    MetaspaceDecoder metaspaceDecoder(JsonNode node, String path) {
        return new MetaspaceDecoder(replacement(node, path), prependScheme(node, path));
    }

    private int replacement(JsonNode node, String path) {
        String replacement = fields.text(node, "replacement", path, "\u2581");
        if (replacement.codePointCount(0, replacement.length()) != 1) {
            throw fields.error(path + ".replacement", "expected one character but was '" + replacement + "'");
        }
        return replacement.codePointAt(0);
    }

    /** {@code prepend_scheme} (default {@code "always"}); old files say {@code "add_prefix_space": false} for never. */
    private PrependScheme prependScheme(JsonNode node, String path) {
        String name = fields.text(node, "prepend_scheme", path, "always");
        PrependScheme scheme = PrependScheme.byJsonName(name);
        if (scheme == null) {
            throw fields.error(path + ".prepend_scheme", "expected \"always\", \"first\" or \"never\" but was '"
                    + name + "'");
        }
        return fields.bool(node, "add_prefix_space", path, true) ? scheme : PrependScheme.NEVER;
    }

    /** {@code {"type": "Unigram", "unk_id": n | null, "vocab": [[piece, score], ...], "byte_fallback": b}}. */
    Unigram unigram(JsonNode node) {
        JsonNode vocab = fields.required(node, "vocab", "model");
        if (!vocab.isArray()) {
            throw fields.error("model.vocab", "expected an array of [piece, score] pairs");
        }
        List<Unigram.Piece> pieces = new ArrayList<>(vocab.size());
        for (int i = 0; i < vocab.size(); i++) {
            JsonNode entry = vocab.get(i);
            if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual() || !entry.get(1).isNumber()) {
                throw fields.error("model.vocab[" + i + "]", "expected [piece, score] but was " + entry);
            }
            pieces.add(new Unigram.Piece(entry.get(0).asText(), entry.get(1).asDouble()));
        }
        JsonNode unk = fields.optional(node, "unk_id");
        try {
            return new Unigram(pieces, unk == null ? null : fields.integer(node, "unk_id", "model"),
                    fields.bool(node, "byte_fallback", "model", false));
        } catch (IllegalArgumentException e) {
            throw fields.error("model.unk_id", e.getMessage());
        }
    }
}
