package dev.transformers4j.tokenizers.encoding;

import dev.transformers4j.tokenizers.Padding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** HF's {@code pad_encodings} and {@code Encoding::pad}. */
public final class Padder {
    private Padder() {
    }

    /**
     * Pads every sequence to the same length: the fixed length, or the longest in the batch; then rounded
     * up to a multiple of {@code padToMultipleOf} when set. Longer sequences are left as they are.
     */
    public static List<TokenSequence> pad(List<TokenSequence> batch, Padding params) {
        if (batch.isEmpty()) {
            return batch;
        }
        int target = params.strategy() == Padding.Strategy.FIXED
                ? params.fixedLength()
                : batch.stream().mapToInt(TokenSequence::length).max().orElse(0);
        int multiple = params.padToMultipleOf();
        if (multiple > 0 && target % multiple > 0) {
            target += multiple - target % multiple;
        }
        int length = target;
        return batch.stream().map(seq -> padTo(seq, length, params)).toList();
    }

    static TokenSequence padTo(TokenSequence seq, int target, Padding params) {
        List<TokenSequence> overflowing = seq.overflowing().stream().map(o -> padTo(o, target, params)).toList();
        if (seq.length() >= target) {
            return new TokenSequence(seq.tokens(), overflowing);
        }
        EncodedToken pad = EncodedToken.padding(params.padId(), params.padToken(), params.padTypeId());
        List<EncodedToken> padding = Collections.nCopies(target - seq.length(), pad);
        List<EncodedToken> tokens = new ArrayList<>(target);
        if (params.direction() == Padding.Direction.LEFT) {
            tokens.addAll(padding);
            tokens.addAll(seq.tokens());
        } else {
            tokens.addAll(seq.tokens());
            tokens.addAll(padding);
        }
        return new TokenSequence(tokens, overflowing);
    }
}
