package dev.transformers4j.generation.logits;

import java.util.Arrays;
import java.util.List;

/**
 * HF's {@code ForcedEOSTokenLogitsProcessor}: when the next token is the last one {@code max_length} allows,
 * every score becomes −inf except the EOS ids, which become 0 (so in beam search a forced EOS adds 0).
 */
public final class ForcedEOSTokenLogitsProcessor implements LogitsProcessor {

    private final int maxLength;
    private final List<Integer> eosTokenIds;

    public ForcedEOSTokenLogitsProcessor(int maxLength, List<Integer> eosTokenIds) {
        this.maxLength = maxLength;
        this.eosTokenIds = List.copyOf(eosTokenIds);
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        if (ids.length == maxLength - 1) {
            Arrays.fill(scores, offset, offset + vocab, Float.NEGATIVE_INFINITY);
            for (int eos : eosTokenIds) {
                scores[offset + eos] = 0;
            }
        }
    }
}
