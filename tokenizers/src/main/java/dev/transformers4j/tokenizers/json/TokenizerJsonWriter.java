package dev.transformers4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.decoders.ByteLevelDecoder;
import dev.transformers4j.tokenizers.decoders.Decoder;
import dev.transformers4j.tokenizers.decoders.FuseDecoder;
import dev.transformers4j.tokenizers.decoders.WordPieceDecoder;
import dev.transformers4j.tokenizers.models.BPE;
import dev.transformers4j.tokenizers.normalizers.Lowercase;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.pretokenizers.ByteLevel;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.Whitespace;
import dev.transformers4j.tokenizers.pretokenizers.WhitespaceSplit;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import java.util.List;

/**
 * Writes a BPE tokenizer in HF's {@code tokenizer.json} format, field for field as HF tokenizers saves one
 * (same order, same defaults, same pretty printing), so that HF, DJL and {@link TokenizerJson} load it. The
 * inverse of the readers beside it, for the components a trained tokenizer uses.
 */
public final class TokenizerJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenizerJsonWriter() {
    }

    /**
     * The content of {@code tokenizer.json} (no truncation, no padding).
     *
     * @param normalizer    {@code null} for none; @param postProcessor {@link PostProcessor#NONE} for none
     * @param decoder       {@code null} for none
     * @param vocab         the BPE vocabulary, token by id; @param merges the merges by rank
     */
    public static String bpe(List<AddedToken> addedTokens, Normalizer normalizer, PreTokenizer preTokenizer,
            PostProcessor postProcessor, Decoder decoder, List<String> vocab, List<BPE.Merge> merges,
            BPE.Options options) {
        ObjectNode root = MAPPER.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        addedTokens.stream().sorted(java.util.Comparator.comparingInt(AddedToken::id)).forEach(t -> added.addObject()
                .put("id", t.id()).put("content", t.content()).put("single_word", t.singleWord())
                .put("lstrip", t.lstrip()).put("rstrip", t.rstrip()).put("normalized", t.normalized())
                .put("special", t.special()));
        root.set("normalizer", normalizer == null ? NullNode.instance : normalizer(normalizer));
        root.set("pre_tokenizer", preTokenizer == null ? NullNode.instance : preTokenizer(preTokenizer));
        root.set("post_processor", ProcessorJson.postProcessor(postProcessor));
        root.set("decoder", decoder == null ? NullNode.instance : decoder(decoder));
        root.set("model", model(vocab, merges, options));
        return HfJsonPrinter.pretty(root);
    }

    private static ObjectNode model(List<String> vocab, List<BPE.Merge> merges, BPE.Options options) {
        ObjectNode model = MAPPER.createObjectNode().put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", options.unkToken())
                .put("continuing_subword_prefix", options.continuingSubwordPrefix())
                .put("end_of_word_suffix", options.endOfWordSuffix())
                .put("fuse_unk", options.fuseUnk())
                .put("byte_fallback", options.byteFallback())
                .put("ignore_merges", options.ignoreMerges());
        ObjectNode vocabNode = model.putObject("vocab");
        for (int id = 0; id < vocab.size(); id++) {
            vocabNode.put(vocab.get(id), id);
        }
        ArrayNode mergesNode = model.putArray("merges"); // HF 0.20+: [left, right] pairs
        merges.forEach(m -> mergesNode.addArray().add(m.left()).add(m.right()));
        return model;
    }

    private static JsonNode normalizer(Normalizer normalizer) {
        if (normalizer == Lowercase.INSTANCE) {
            return type("Lowercase");
        }
        throw unsupported("normalizer", normalizer);
    }

    private static JsonNode preTokenizer(PreTokenizer preTokenizer) {
        return switch (preTokenizer) {
            case ByteLevel b -> byteLevel(b.addPrefixSpace(), true, b.useRegex());
            case Whitespace w -> type("Whitespace");
            case WhitespaceSplit w -> type("WhitespaceSplit");
            default -> throw unsupported("pre-tokenizer", preTokenizer);
        };
    }

    /** The decoder's own fields do nothing when decoding; HF writes its defaults. */
    private static JsonNode decoder(Decoder decoder) {
        return switch (decoder) {
            case ByteLevelDecoder b -> byteLevel(true, true, true);
            case WordPieceDecoder w -> type("WordPiece").put("prefix", w.prefix()).put("cleanup", w.cleanup());
            case FuseDecoder f -> type("Fuse");
            default -> throw unsupported("decoder", decoder);
        };
    }

    static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
        return type("ByteLevel").put("add_prefix_space", addPrefixSpace).put("trim_offsets", trimOffsets)
                .put("use_regex", useRegex);
    }

    static ObjectNode type(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    static IllegalArgumentException unsupported(String kind, Object component) {
        return new IllegalArgumentException("tokenizer.json writer: cannot write the " + kind + " "
                + component.getClass().getSimpleName());
    }
}
