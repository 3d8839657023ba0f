package dev.transformers4j.tokenizers.sentencepiece;

import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto.SentencePiece.Type;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.NormalizerSpec;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.TrainerSpec;

/**
 * A hand-made unigram model small enough to work out by hand (no charsmap: identity normalization,
 * SentencePiece's default whitespace handling). Ids: 0 {@code <unk>}, 1 {@code <s>}, 2 {@code </s>}, then
 * <pre>
 *   3 "▁" -1.0    4 "a" -2.0    5 "b" -2.0    6 "c" -2.0    7 "▁a" -6.0
 *   8 "ab" -2.0   9 "bc" -1.0  10 "abc" -4.0  11 "." -3.0
 * </pre>
 * All scores are exact in float, so SentencePiece's float arithmetic and HF's double give the same sums.
 */
public final class TinySpm {
    public static final String[] PIECES = {"\u2581", "a", "b", "c", "\u2581a", "ab", "bc", "abc", "."};
    public static final float[] SCORES = {-1.0f, -2.0f, -2.0f, -2.0f, -6.0f, -2.0f, -1.0f, -4.0f, -3.0f};

    private TinySpm() {
    }

    public static byte[] bytes() {
        return builder().build().toByteArray();
    }

    /** The model as a builder, to make variants of it (other model type, other settings). */
    public static ModelProto.Builder builder() {
        ModelProto.Builder model = ModelProto.newBuilder();
        model.addPieces(piece("<unk>", 0, Type.UNKNOWN));
        model.addPieces(piece("<s>", 0, Type.CONTROL));
        model.addPieces(piece("</s>", 0, Type.CONTROL));
        for (int i = 0; i < PIECES.length; i++) {
            model.addPieces(piece(PIECES[i], SCORES[i], Type.NORMAL));
        }
        return model.setTrainerSpec(TrainerSpec.newBuilder().setModelType(TrainerSpec.ModelType.UNIGRAM)
                        .setVocabSize(model.getPiecesCount()))
                .setNormalizerSpec(NormalizerSpec.newBuilder().setName("identity"));
    }

    private static ModelProto.SentencePiece piece(String piece, float score, Type type) {
        return ModelProto.SentencePiece.newBuilder().setPiece(piece).setScore(score).setType(type).build();
    }
}
