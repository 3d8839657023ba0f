package dev.transformers4j.tokenizers.models;

import java.util.List;
import java.util.OptionalInt;

/** The vocabulary model that cuts one pre-tokenized word into tokens (HF's {@code Model}). */
public interface Model {
    /** The tokens of one word, with spans relative to {@code word}. */
    List<ModelToken> tokenize(String word);

    OptionalInt tokenToId(String token);

    /** The token of {@code id}, or {@code null} if the vocabulary has none. */
    String idToToken(int id);

    int vocabSize();
}
