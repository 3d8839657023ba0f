package dev.transformers4j.tokenizers.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * WordPiece (Schuster &amp; Nakajima 2012; BERT §3): greedy longest-match-first over the vocabulary.
 *
 * <p>As HF's {@code WordPiece::tokenize}: a word longer than {@code maxInputCharsPerWord} code points
 * (Rust chars) is one unknown token; otherwise the longest vocabulary entry starting at the current
 * position is taken, pieces after the first carrying the {@code continuingSubwordPrefix}; if some
 * position has no match, the whole word becomes the unknown token.
 */
public final class WordPiece implements Model {
    private final Map<String, Integer> vocab;
    private final Map<Integer, String> vocabReversed;
    private final String unkToken;
    private final String continuingSubwordPrefix;
    private final int maxInputCharsPerWord;

    public WordPiece(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix,
            int maxInputCharsPerWord) {
        this.vocab = Map.copyOf(vocab);
        this.vocabReversed = new HashMap<>();
        vocab.forEach((token, id) -> vocabReversed.put(id, token));
        this.unkToken = unkToken;
        this.continuingSubwordPrefix = continuingSubwordPrefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    @Override
    public List<ModelToken> tokenize(String word) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            return unknown(word);
        }
        List<ModelToken> pieces = new java.util.ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            ModelToken piece = longestPieceAt(word, start);
            if (piece == null) {
                return unknown(word);
            }
            pieces.add(piece);
            start = piece.end();
        }
        return pieces;
    }

    /** The longest vocabulary entry starting at {@code start}, shrinking one code point at a time. */
    private ModelToken longestPieceAt(String word, int start) {
        for (int end = word.length(); end > start; end = word.offsetByCodePoints(end, -1)) {
            String candidate = word.substring(start, end);
            if (start > 0) {
                candidate = continuingSubwordPrefix + candidate;
            }
            Integer id = vocab.get(candidate);
            if (id != null) {
                return new ModelToken(id, candidate, start, end);
            }
        }
        return null;
    }

    private List<ModelToken> unknown(String word) {
        Integer id = vocab.get(unkToken);
        if (id == null) {
            throw new IllegalStateException("WordPiece: the unk_token '" + unkToken + "' is not in the vocabulary");
        }
        return List.of(new ModelToken(id, unkToken, 0, word.length()));
    }

    @Override
    public OptionalInt tokenToId(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public String idToToken(int id) {
        return vocabReversed.get(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    public String unkToken() {
        return unkToken;
    }

    public String continuingSubwordPrefix() {
        return continuingSubwordPrefix;
    }

    public int maxInputCharsPerWord() {
        return maxInputCharsPerWord;
    }
}
