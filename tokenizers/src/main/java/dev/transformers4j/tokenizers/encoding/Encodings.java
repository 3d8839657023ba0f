package dev.transformers4j.tokenizers.encoding;

import dev.transformers4j.tokenizers.Encoding;
import java.util.List;

/** Turns a finished {@link TokenSequence} into the public {@link Encoding} arrays. */
public final class Encodings {
    private Encodings() {
    }

    public static Encoding toEncoding(TokenSequence seq) {
        List<EncodedToken> t = seq.tokens();
        int n = t.size();
        int[] ids = new int[n];
        String[] tokens = new String[n];
        int[] typeIds = new int[n];
        int[] attention = new int[n];
        int[] special = new int[n];
        int[] words = new int[n];
        int[] sequences = new int[n];
        int[][] offsets = new int[n][];
        int[][] cpOffsets = new int[n][];
        for (int i = 0; i < n; i++) {
            EncodedToken token = t.get(i);
            ids[i] = token.id();
            tokens[i] = token.token();
            typeIds[i] = token.typeId();
            attention[i] = token.attended() ? 1 : 0;
            special[i] = token.special() ? 1 : 0;
            words[i] = token.wordId();
            sequences[i] = token.sequenceId();
            offsets[i] = new int[] {token.start(), token.end()};
            cpOffsets[i] = new int[] {token.cpStart(), token.cpEnd()};
        }
        List<Encoding> overflowing = seq.overflowing().stream().map(Encodings::toEncoding).toList();
        return new Encoding(ids, tokens, typeIds, attention, special, words, sequences, offsets, cpOffsets,
                overflowing);
    }
}
