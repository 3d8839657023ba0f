package dev.transformers4j.tokenizers.sentencepiece;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.NormalizerSpec;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.TrainerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The SentencePiece fixture of {@code src/test/resources/sentencepiece} (see its README): a
 * {@code tokenizer.json} with a real nmt_nfkc charsmap and real unigram pieces, and {@code .spm} models
 * built from it here with the generated protobuf classes, exactly as {@code make-fixtures.mjs} builds
 * them for the C++ goldens.
 */
public final class SpmFixture {
    public static final String TOKENIZER_JSON = "/sentencepiece/unigram-nmt-nfkc.tokenizer.json";
    static final String GOLDEN = "/sentencepiece/sentencepiece-golden.json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A variant of the fixture model: which normalization settings it has. */
    public record Variant(String name, boolean charsMap, boolean addDummyPrefix, boolean removeExtraWhitespaces,
            boolean byteFallback) {
    }

    public static final Variant NMT_NFKC = new Variant("nmt_nfkc", true, true, true, false);
    public static final Variant IDENTITY_KEEP_SPACES = new Variant("identity_keep_spaces", false, true, false, false);
    public static final Variant BYTE_FALLBACK_NO_PREFIX = new Variant("nmt_nfkc_byte_fallback_no_prefix", true, false,
            true, true);

    private SpmFixture() {
    }

    public static String resource(String path) {
        try (InputStream in = SpmFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        try {
            return MAPPER.readTree(resource(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's pieces as a {@code .spm} file with the settings of {@code variant}. */
    public static byte[] spm(Variant variant) {
        JsonNode tokenizer = json(TOKENIZER_JSON);
        ModelProto.Builder model = ModelProto.newBuilder();
        for (JsonNode entry : tokenizer.get("model").get("vocab")) {
            String piece = entry.get(0).asText();
            model.addPieces(ModelProto.SentencePiece.newBuilder().setPiece(piece)
                    .setScore((float) entry.get(1).asDouble()).setType(type(piece)));
        }
        for (int b = 0; variant.byteFallback() && b < 256; b++) {
            model.addPieces(ModelProto.SentencePiece.newBuilder().setPiece(String.format("<0x%02X>", b))
                    .setScore(0).setType(ModelProto.SentencePiece.Type.BYTE));
        }
        model.setTrainerSpec(TrainerSpec.newBuilder().setModelType(TrainerSpec.ModelType.UNIGRAM)
                .setVocabSize(model.getPiecesCount()).setByteFallback(variant.byteFallback())
                .setUnkId(0).setBosId(1).setEosId(2).setPadId(-1));
        NormalizerSpec.Builder normalizer = NormalizerSpec.newBuilder()
                .setName(variant.charsMap() ? "nmt_nfkc" : "identity")
                .setAddDummyPrefix(variant.addDummyPrefix())
                .setRemoveExtraWhitespaces(variant.removeExtraWhitespaces()).setEscapeWhitespaces(true);
        if (variant.charsMap()) {
            normalizer.setPrecompiledCharsmap(ByteString.copyFrom(Base64.getDecoder().decode(
                    tokenizer.get("normalizer").get("normalizers").get(0).get("precompiled_charsmap").asText())));
        }
        return model.setNormalizerSpec(normalizer).build().toByteArray();
    }

    private static ModelProto.SentencePiece.Type type(String piece) {
        return switch (piece) {
            case "<unk>" -> ModelProto.SentencePiece.Type.UNKNOWN;
            case "<s>", "</s>" -> ModelProto.SentencePiece.Type.CONTROL;
            default -> ModelProto.SentencePiece.Type.NORMAL;
        };
    }

    static SentencePieceProcessor processor(Variant variant) {
        return new SentencePieceProcessor(SentencePieceModel.parse(spm(variant), variant.name() + ".spm"));
    }

    /** Java string escapes for non-ASCII, for readable failure messages. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7E ? String.format("\\u{%x}", cp)
                : Character.toString(cp)));
        return sb.append('"').toString();
    }
}
