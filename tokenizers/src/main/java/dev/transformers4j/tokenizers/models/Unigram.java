package dev.transformers4j.tokenizers.models;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * HF's {@code Unigram} model (Kudo 2018; SentencePiece's default algorithm): each word is cut into the
 * pieces whose scores (log probabilities) sum highest, by {@link UnigramViterbi}. A character with no
 * piece is unknown, scored {@code min score − 10}; consecutive unknown characters become one token
 * (HF's {@code fuse_unk}, always on) whose string is the text itself and whose id is {@code unk_id}.
 * With {@code byteFallback}, an unknown token becomes one {@code <0xNN>} token per UTF-8 byte instead,
 * when all of them are in the vocabulary.
 */
public final class Unigram implements Model {
    /** HF's and SentencePiece's {@code kUnkPenalty}. */
    public static final double UNK_PENALTY = 10.0;

    /** One vocabulary entry: the piece and its score (a log probability). */
    public record Piece(String token, double score) {
    }

    private final List<Piece> vocab;
    private final Map<String, Integer> tokenToIds;
    private final PieceTrie trie = new PieceTrie();
    private final double[] scores;
    private final int unkId;
    private final boolean byteFallback;
    private final double minScore;

    /**
     * @param unkId {@code null} for none (then text with a character outside the vocabulary cannot be encoded)
     * @throws IllegalArgumentException if {@code unkId} is set but the vocabulary is empty or too small
     */
    public Unigram(List<Piece> vocab, Integer unkId, boolean byteFallback) {
        if (unkId != null && vocab.isEmpty()) {
            throw new IllegalArgumentException("Unigram: the vocabulary is empty but at least <unk> is needed");
        }
        if (unkId != null && (unkId < 0 || unkId >= vocab.size())) {
            throw new IllegalArgumentException("Unigram: unk_id " + unkId + " is not an index of the vocabulary of "
                    + vocab.size() + " pieces");
        }
        this.vocab = List.copyOf(vocab);
        this.tokenToIds = new HashMap<>(vocab.size() * 2);
        this.scores = new double[vocab.size()];
        double min = Double.POSITIVE_INFINITY;
        for (int id = 0; id < vocab.size(); id++) {
            Piece piece = vocab.get(id);
            tokenToIds.put(piece.token(), id);
            trie.add(piece.token(), id);
            scores[id] = piece.score();
            min = Math.min(min, piece.score());
        }
        this.unkId = unkId == null ? -1 : unkId;
        this.byteFallback = byteFallback;
        this.minScore = min;
    }

    @Override
    public List<ModelToken> tokenize(String word) {
        if (word.isEmpty()) {
            return List.of();
        }
        List<UnigramViterbi.Segment> path = UnigramViterbi.bestPath(word, trie, scores, unkId,
                minScore - UNK_PENALTY, UnigramViterbi.Arithmetic.DOUBLE);
        if (unkId >= 0) {
            path = UnigramViterbi.fuseUnknown(path, unkId);
        }
        List<ModelToken> tokens = new ArrayList<>(path.size());
        for (UnigramViterbi.Segment s : path) {
            String piece = word.substring(s.start(), s.end());
            Integer id = tokenToIds.get(piece);
            if (id == null && byteFallback && addBytes(tokens, piece, s)) {
                continue;
            }
            if (id == null && unkId < 0) {
                throw new IllegalArgumentException("Unigram: '" + piece + "' is unknown and the model has no unk_id");
            }
            tokens.add(new ModelToken(id == null ? unkId : id, piece, s.start(), s.end()));
        }
        return tokens;
    }

    /** {@code <0xNN>} tokens for the UTF-8 bytes of {@code piece}, each spanning the whole piece. */
    private boolean addBytes(List<ModelToken> tokens, String piece, UnigramViterbi.Segment s) {
        List<ModelToken> bytes = new ArrayList<>();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            String name = String.format("<0x%02X>", b & 0xFF);
            Integer id = tokenToIds.get(name);
            if (id == null) {
                return false;
            }
            bytes.add(new ModelToken(id, name, s.start(), s.end()));
        }
        tokens.addAll(bytes);
        return true;
    }

    @Override
    public OptionalInt tokenToId(String token) {
        Integer id = tokenToIds.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public String idToToken(int id) {
        return id >= 0 && id < vocab.size() ? vocab.get(id).token() : null;
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    public List<Piece> vocab() {
        return vocab;
    }

    /** The unknown piece's id, {@code -1} if none. */
    public int unkId() {
        return unkId;
    }

    public boolean byteFallback() {
        return byteFallback;
    }
}
