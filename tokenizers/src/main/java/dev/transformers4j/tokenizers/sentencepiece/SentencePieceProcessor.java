package dev.transformers4j.tokenizers.sentencepiece;

import dev.transformers4j.tokenizers.models.PieceTrie;
import dev.transformers4j.tokenizers.models.Unigram;
import dev.transformers4j.tokenizers.models.UnigramViterbi;
import dev.transformers4j.tokenizers.sentencepiece.SentencePieceModel.Piece;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto.SentencePiece.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SentencePiece's {@code SentencePieceProcessor} for unigram models, in Java: what Python's
 * {@code sentencepiece} (and through it HF's slow tokenizers such as {@code MarianTokenizer}) does with
 * a {@code .spm} file. Encoding normalizes the text ({@link SentencePieceNormalizer}), finds the best
 * segmentation with {@link UnigramViterbi} in SentencePiece's float arithmetic, merges runs of unknown
 * characters into one piece (or, with {@code byte_fallback}, writes them as {@code <0xNN>} pieces).
 * Control and unknown pieces are never matched in the text; user-defined pieces always win.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SentencePieceProcessor {
    private final SentencePieceModel model;
    private final SentencePieceNormalizer normalizer;
    private final PieceTrie trie = new PieceTrie();
    private final double[] scores;
    private final float unkScore;

    public SentencePieceProcessor(SentencePieceModel model) {
        this.model = model;
        this.normalizer = new SentencePieceNormalizer(model);
        List<Piece> pieces = model.pieces();
        float minScore = Float.MAX_VALUE;
        float maxScore = Float.MIN_VALUE;
        for (Piece p : pieces) {
            if (p.type() == Type.NORMAL) {
                minScore = Math.min(minScore, p.score());
                maxScore = Math.max(maxScore, p.score());
            }
        }
        this.scores = new double[pieces.size()];
        for (int id = 0; id < pieces.size(); id++) {
            Piece p = pieces.get(id);
            if (p.type() == Type.NORMAL || p.type() == Type.USER_DEFINED) {
                trie.add(p.piece(), id);
            }
            // SentencePiece gives a user-defined piece a bonus so that it is always chosen.
            scores[id] = p.type() == Type.USER_DEFINED
                    ? p.piece().getBytes(StandardCharsets.UTF_8).length * maxScore - 0.1 : p.score();
        }
        this.unkScore = minScore - (float) Unigram.UNK_PENALTY;
    }

    /** Reads {@code file} ({@link SentencePieceModel#read}). */
    public static SentencePieceProcessor load(Path file) {
        return new SentencePieceProcessor(SentencePieceModel.read(file));
    }

    public SentencePieceModel model() {
        return model;
    }

    /** The normalized text the segmentation runs on (spaces as {@code ▁}). */
    public String normalize(String text) {
        return normalizer.normalize(text);
    }

    /** The pieces of {@code text}, Python's {@code sp.encode(text, out_type=str)}. */
    public List<String> encodePieces(String text) {
        return encode(text).stream().map(EncodedPiece::piece).toList();
    }

    /**
     * The ids of {@code text}, Python's {@code sp.encode(text)}: the ids the segmentation chose (an unknown
     * piece is {@code unk_id} even when its text happens to spell a control piece such as {@code <s>}).
     */
    public int[] encodeIds(String text) {
        return encode(text).stream().mapToInt(EncodedPiece::id).toArray();
    }

    /** One piece of an encoded text: its string (the normalized text it covers) and its id. */
    private record EncodedPiece(String piece, int id) {
    }

    private List<EncodedPiece> encode(String text) {
        String normalized = normalizer.normalize(text);
        List<EncodedPiece> pieces = new ArrayList<>();
        if (normalized.isEmpty()) {
            return pieces;
        }
        int unkId = model.unkId();
        List<UnigramViterbi.Segment> path = UnigramViterbi.fuseUnknown(UnigramViterbi.bestPath(normalized, trie,
                scores, unkId, unkScore, UnigramViterbi.Arithmetic.SENTENCEPIECE), unkId);
        boolean byteFallback = model.trainerSpec().getByteFallback();
        for (UnigramViterbi.Segment s : path) {
            String piece = normalized.substring(s.start(), s.end());
            if (byteFallback && s.id() == unkId) {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    String name = String.format("<0x%02X>", b & 0xFF);
                    pieces.add(new EncodedPiece(name, pieceToId(name)));
                }
            } else {
                pieces.add(new EncodedPiece(piece, s.id()));
            }
        }
        return pieces;
    }

    /** The id of {@code piece}, the unknown piece's id if it is not in the model (SentencePiece's {@code PieceToId}). */
    public int pieceToId(String piece) {
        int id = model.idOf(piece);
        return id < 0 ? model.unkId() : id;
    }

    /** The piece of {@code id}; {@link IllegalArgumentException} if out of range. */
    public String idToPiece(int id) {
        if (id < 0 || id >= model.pieces().size()) {
            throw new IllegalArgumentException(model.source() + ": id " + id + " is out of range [0, "
                    + model.pieces().size() + ")");
        }
        return model.pieces().get(id).piece();
    }

    /** Python's {@code sp.decode_pieces(pieces)}; see {@link SentencePieceDecoding}. */
    public String decodePieces(List<String> pieces) {
        return new SentencePieceDecoding(this).decode(pieces);
    }

    /** Python's {@code sp.decode(ids)}. */
    public String decodeIds(int[] ids) {
        List<String> pieces = new ArrayList<>(ids.length);
        for (int id : ids) {
            pieces.add(idToPiece(id));
        }
        return decodePieces(pieces);
    }
}
