package dev.transformers4j.tokenizers.sentencepiece;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.transformers4j.tokenizers.normalizers.PrecompiledCharsMap;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.NormalizerSpec;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.TrainerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece model file ({@code .spm}, {@code .model}: a serialized {@code sentencepiece.ModelProto})
 * read and checked: its pieces with scores and types, the normalization settings and the special pieces.
 * Only unigram models (SentencePiece's default, used by Marian, T5, XLM-R, ALBERT) are supported.
 *
 * <p>Every problem is an {@link IllegalArgumentException} naming the file and what was expected.
 */
public final class SentencePieceModel {
    /** One vocabulary entry. */
    public record Piece(String piece, float score, ModelProto.SentencePiece.Type type) {
    }

    private final String source;
    private final ModelProto proto;
    private final List<Piece> pieces;
    private final Map<String, Integer> ids;
    private final PrecompiledCharsMap charsMap;
    private final int unkId;

    private SentencePieceModel(String source, ModelProto proto, List<Piece> pieces, Map<String, Integer> ids,
            PrecompiledCharsMap charsMap, int unkId) {
        this.source = source;
        this.proto = proto;
        this.pieces = pieces;
        this.ids = ids;
        this.charsMap = charsMap;
        this.unkId = unkId;
    }

    /** Reads a model file; {@link UncheckedIOException} if it cannot be read. */
    public static SentencePieceModel read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SentencePiece model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes of a model file; {@code source} names it in error messages. */
    public static SentencePieceModel parse(byte[] bytes, String source) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw notAModel(source, "it does not parse as protobuf (" + e.getMessage() + ")");
        }
        if (proto.getPiecesCount() == 0) {
            throw notAModel(source, "it has no pieces");
        }
        TrainerSpec trainer = proto.getTrainerSpec();
        if (trainer.getModelType() != TrainerSpec.ModelType.UNIGRAM) {
            throw new IllegalArgumentException(source + ": SentencePiece model type " + trainer.getModelType()
                    + " is not supported (expected UNIGRAM, the unigram language model)");
        }
        if (trainer.getTreatWhitespaceAsSuffix()) {
            throw new IllegalArgumentException(source + ": treat_whitespace_as_suffix models are not supported");
        }
        List<Piece> pieces = new ArrayList<>(proto.getPiecesCount());
        Map<String, Integer> ids = new HashMap<>(proto.getPiecesCount() * 2);
        int unkId = -1;
        for (int i = 0; i < proto.getPiecesCount(); i++) {
            ModelProto.SentencePiece p = proto.getPieces(i);
            if (p.getPiece().isEmpty() || ids.putIfAbsent(p.getPiece(), i) != null) {
                throw notAModel(source, "piece " + i + " is " + (p.getPiece().isEmpty() ? "empty"
                        : "'" + p.getPiece() + "', already defined as piece " + ids.get(p.getPiece())));
            }
            if (p.getType() == ModelProto.SentencePiece.Type.UNKNOWN) {
                unkId = unkId < 0 ? i : failTwoUnknowns(source, unkId, i);
            }
            pieces.add(new Piece(p.getPiece(), p.getScore(), p.getType()));
        }
        if (unkId < 0) {
            throw notAModel(source, "no piece has type UNKNOWN (the <unk> piece)");
        }
        return new SentencePieceModel(source, proto, List.copyOf(pieces), ids, charsMap(proto, source), unkId);
    }

    private static PrecompiledCharsMap charsMap(ModelProto proto, String source) {
        NormalizerSpec spec = proto.getNormalizerSpec();
        if (spec.getPrecompiledCharsmap().isEmpty()) {
            return null;
        }
        try {
            return PrecompiledCharsMap.parse(spec.getPrecompiledCharsmap().toByteArray());
        } catch (IllegalArgumentException e) {
            throw notAModel(source, "normalizer_spec." + e.getMessage());
        }
    }

    private static int failTwoUnknowns(String source, int first, int second) {
        throw notAModel(source, "pieces " + first + " and " + second + " both have type UNKNOWN");
    }

    private static IllegalArgumentException notAModel(String source, String why) {
        return new IllegalArgumentException(source + ": not a SentencePiece model: " + why + " (expected a "
                + "serialized sentencepiece.ModelProto with pieces, trainer_spec and normalizer_spec)");
    }

    /** The file this model was read from (for messages). */
    public String source() {
        return source;
    }

    public List<Piece> pieces() {
        return pieces;
    }

    /** The id of {@code piece}, or {@code -1}. */
    public int idOf(String piece) {
        return ids.getOrDefault(piece, -1);
    }

    public int unkId() {
        return unkId;
    }

    /** The compiled normalization rules, or {@code null} when the model has none (the "identity" rule). */
    public PrecompiledCharsMap charsMap() {
        return charsMap;
    }

    public NormalizerSpec normalizerSpec() {
        return proto.getNormalizerSpec();
    }

    public TrainerSpec trainerSpec() {
        return proto.getTrainerSpec();
    }
}
