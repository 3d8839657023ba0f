package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.Padding;
import dev.transformers4j.tokenizers.Pipeline;
import dev.transformers4j.tokenizers.Truncation;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.added.AddedVocabulary;
import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import java.util.List;

/**
 * Reads HF's {@code tokenizer.json} format: the one place that maps its JSON names to components.
 * Every error is an {@link IllegalArgumentException} naming the source and the field. It returns the parts;
 * {@link dev.transformers4j.tokenizers.Tokenizer#fromJson} assembles the tokenizer.
 */
public final class TokenizerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What a {@code tokenizer.json} holds.
     *
     * @param truncation {@code null} for none; @param padding {@code null} for none
     */
    public record Parts(Pipeline pipeline, Truncation truncation, Padding padding) {
    }

    private TokenizerJson() {
    }

    public static Parts parse(String json, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(sourceName + ": invalid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(sourceName + ": expected a JSON object at the top level");
        }
        return read(root, new JsonFields(sourceName));
    }

    private static Parts read(JsonNode root, JsonFields fields) {
        ComponentReader components = new ComponentReader(fields);
        ProcessingReader processing = new ProcessingReader(fields);
        JsonNode normalizerNode = fields.optional(root, "normalizer");
        Normalizer normalizer = normalizerNode == null ? null : components.normalizer(normalizerNode, "normalizer");
        JsonNode preTokenizer = fields.optional(root, "pre_tokenizer");
        JsonNode postProcessor = fields.optional(root, "post_processor");
        JsonNode decoder = fields.optional(root, "decoder");
        JsonNode truncation = fields.optional(root, "truncation");
        JsonNode padding = fields.optional(root, "padding");
        Model model = new ModelReader(fields).model(fields.required(root, "model", ""));
        List<AddedToken> added = processing.addedTokens(fields.optional(root, "added_tokens"));
        Pipeline pipeline = new Pipeline(
                new AddedVocabulary(AddedVocabulary.assignIds(added, model), normalizer),
                normalizer,
                preTokenizer == null ? null : components.preTokenizer(preTokenizer, "pre_tokenizer"),
                model,
                postProcessor == null ? PostProcessor.NONE : processing.postProcessor(postProcessor),
                decoder == null ? null : components.decoder(decoder, "decoder"));
        return new Parts(pipeline, truncation == null ? null : processing.truncation(truncation),
                padding == null ? null : processing.padding(padding));
    }
}
