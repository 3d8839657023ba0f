package dev.transformers4j.generation.logits;

import java.util.List;

/**
 * HF's {@code MinNewTokensLengthLogitsProcessor}: while fewer than {@code min_new_tokens} tokens follow the
 * (padded) prompt, every EOS id gets −inf, so the row cannot end.
 */
public final class MinNewTokensLengthLogitsProcessor implements LogitsProcessor {

    private final int promptLengthToSkip;
    private final int minNewTokens;
    private final List<Integer> eosTokenIds;

    public MinNewTokensLengthLogitsProcessor(int promptLengthToSkip, int minNewTokens, List<Integer> eosTokenIds) {
        if (minNewTokens < 0) {
            throw new IllegalArgumentException("min_new_tokens must be ≥ 0 but was " + minNewTokens);
        }
        this.promptLengthToSkip = promptLengthToSkip;
        this.minNewTokens = minNewTokens;
        this.eosTokenIds = List.copyOf(eosTokenIds);
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        if (ids.length - promptLengthToSkip < minNewTokens) {
            for (int eos : eosTokenIds) {
                if (eos < vocab) {
                    scores[offset + eos] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }
}
