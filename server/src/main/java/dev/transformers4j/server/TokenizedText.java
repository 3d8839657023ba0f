package dev.transformers4j.server;

import java.util.List;

/** A text as the model reads it: T ids and their vocabulary strings (special tokens included). */
record TokenizedText(int[] ids, List<String> tokens) {

    TokenizedText {
        tokens = List.copyOf(tokens);
        if (ids.length != tokens.size()) {
            throw new IllegalArgumentException(ids.length + " ids but " + tokens.size() + " tokens");
        }
    }

    int length() {
        return ids.length;
    }

    /** The first {@code n} tokens. */
    TokenizedText first(int n) {
        return n >= ids.length ? this : new TokenizedText(java.util.Arrays.copyOf(ids, n), tokens.subList(0, n));
    }
}
