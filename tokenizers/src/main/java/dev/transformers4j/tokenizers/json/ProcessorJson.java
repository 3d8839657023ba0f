package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.tokenizers.processors.ByteLevelProcessor;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import dev.transformers4j.tokenizers.processors.TemplateProcessing;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The {@code "post_processor"} of a written {@code tokenizer.json}, as HF serializes it. */
final class ProcessorJson {
    /** HF writes the special tokens of a template sorted by name (a BTreeMap: UTF-8, i.e. code point order). */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) ->
            Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private ProcessorJson() {
    }

    static JsonNode postProcessor(PostProcessor processor) {
        if (processor == PostProcessor.NONE) {
            return NullNode.instance;
        }
        return switch (processor) {
            case TemplateProcessing t -> template(t);
            case ByteLevelProcessor b -> TokenizerJsonWriter.byteLevel(b.addPrefixSpace(), b.trimOffsets(), true);
            default -> throw TokenizerJsonWriter.unsupported("post-processor", processor);
        };
    }

    private static ObjectNode template(TemplateProcessing template) {
        ObjectNode node = TokenizerJsonWriter.type("TemplateProcessing");
        pieces(node.putArray("single"), template.single());
        pieces(node.putArray("pair"), template.pair());
        ObjectNode specials = node.putObject("special_tokens");
        template.specialTokens().keySet().stream().sorted(CODE_POINT_ORDER).forEach(name -> {
            TemplateProcessing.SpecialToken token = template.specialTokens().get(name);
            ObjectNode entry = specials.putObject(name).put("id", name);
            token.ids().forEach(entry.putArray("ids")::add);
            token.tokens().forEach(entry.putArray("tokens")::add);
        });
        return node;
    }

    private static void pieces(ArrayNode array, List<TemplateProcessing.Piece> pieces) {
        for (TemplateProcessing.Piece piece : pieces) {
            switch (piece) {
                case TemplateProcessing.SequencePiece s -> array.addObject().putObject("Sequence")
                        .put("id", s.first() ? "A" : "B").put("type_id", s.typeId());
                case TemplateProcessing.SpecialTokenPiece s -> array.addObject().putObject("SpecialToken")
                        .put("id", s.name()).put("type_id", s.typeId());
            }
        }
    }
}
