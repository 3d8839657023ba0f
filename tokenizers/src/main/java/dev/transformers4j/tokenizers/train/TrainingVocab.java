package dev.transformers4j.tokenizers.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The vocabulary as it grows during training (HF's {@code word_to_id} and {@code id_to_word}): ids in order of addition. */
final class TrainingVocab {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> tokens = new ArrayList<>();

    /** The id of {@code token}, added at the end first if it is new. */
    int idOrAdd(String token) {
        Integer id = ids.get(token);
        if (id != null) {
            return id;
        }
        tokens.add(token);
        ids.put(token, tokens.size() - 1);
        return tokens.size() - 1;
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of {@code token}; it must be in the vocabulary. */
    int id(String token) {
        return ids.get(token);
    }

    String token(int id) {
        return tokens.get(id);
    }

    int size() {
        return tokens.size();
    }

    /** The tokens by id. */
    List<String> tokens() {
        return List.copyOf(tokens);
    }
}
