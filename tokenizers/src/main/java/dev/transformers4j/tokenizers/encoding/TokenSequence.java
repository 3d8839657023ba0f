package dev.transformers4j.tokenizers.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * An encoding under construction: its tokens plus the overflowing parts cut off by truncation.
 * Mirrors the operations of HF's {@code Encoding} ({@code merge_with}, {@code truncate}, {@code pad});
 * all of them return new values.
 */
public record TokenSequence(List<EncodedToken> tokens, List<TokenSequence> overflowing) {
    public static final TokenSequence EMPTY = new TokenSequence(List.of(), List.of());

    public TokenSequence {
        tokens = List.copyOf(tokens);
        overflowing = List.copyOf(overflowing);
    }

    public static TokenSequence of(List<EncodedToken> tokens) {
        return new TokenSequence(tokens, List.of());
    }

    public int length() {
        return tokens.size();
    }

    /** Every token gets {@code typeId} (overflowing parts are left alone, as in HF's {@code set_type_ids}). */
    public TokenSequence withTypeId(int typeId) {
        return new TokenSequence(tokens.stream().map(t -> t.withTypeId(typeId)).toList(), overflowing);
    }

    /** Every token, including those of the overflowing parts, belongs to sequence {@code sequenceId}. */
    public TokenSequence withSequenceId(int sequenceId) {
        if (overflowing.isEmpty() && tokens.stream().allMatch(t -> t.sequenceId() == sequenceId)) {
            return this;
        }
        return new TokenSequence(tokens.stream().map(t -> t.withSequenceId(sequenceId)).toList(),
                overflowing.stream().map(o -> o.withSequenceId(sequenceId)).toList());
    }

    /** HF's {@code Encoding::merge}: folds {@link #mergeWith} over {@code parts}, starting from empty. */
    public static TokenSequence merge(List<TokenSequence> parts) {
        TokenSequence merged = EMPTY;
        for (TokenSequence part : parts) {
            merged = merged.mergeWith(part);
        }
        return merged;
    }

    /**
     * HF's {@code merge_with} (offsets not shifted): concatenates the tokens, and combines overflowing
     * parts: each of ours with {@code pair} and with each of the pair's, then ourself with each of the
     * pair's.
     */
    public TokenSequence mergeWith(TokenSequence pair) {
        List<TokenSequence> combined = new ArrayList<>();
        for (TokenSequence mine : overflowing) {
            combined.add(mine.mergeWith(pair));
            for (TokenSequence theirs : pair.overflowing) {
                combined.add(mine.mergeWith(theirs));
            }
        }
        for (TokenSequence theirs : pair.overflowing) {
            combined.add(this.mergeWith(theirs));
        }
        List<EncodedToken> all = new ArrayList<>(tokens);
        all.addAll(pair.tokens);
        return new TokenSequence(all, combined);
    }
}
