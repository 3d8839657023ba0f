package dev.transformers4j.generation;

import java.util.Arrays;
import java.util.List;

/**
 * When a row is done, as HF's default {@code StoppingCriteriaList}: {@code MaxLengthCriteria} (length ≥ max_length),
 * {@code EosTokenCriteria} (the last token is an EOS id) and stop strings. Deviation: HF's
 * {@code StopStringCriteria} also matches a stop string that starts inside the prompt; here the decoded text of the
 * new tokens must contain it.
 */
final class StoppingCriteria {

    private final int maxLength;
    private final int promptLength;
    private final List<Integer> eosTokenIds;
    private final List<String> stopStrings;
    private final TokenDecoder decoder;

    StoppingCriteria(GenerationConfig config, int promptLength, int maxLength, TokenDecoder decoder) {
        if (!config.stopStrings().isEmpty() && decoder == null) {
            throw new IllegalArgumentException("generation config: stop_strings " + config.stopStrings()
                    + " need a TokenDecoder to decode the new tokens; pass one to the Generator");
        }
        this.maxLength = maxLength;
        this.promptLength = promptLength;
        this.eosTokenIds = config.eosTokenIds();
        this.stopStrings = config.stopStrings();
        this.decoder = decoder;
    }

    /** Is there an EOS criterion (HF pads finished rows only then)? */
    boolean hasEos() {
        return !eosTokenIds.isEmpty();
    }

    /** Is a row with tokens {@code ids[0, length)} done? */
    boolean isDone(int[] ids, int length) {
        if (length >= maxLength || eosTokenIds.contains(ids[length - 1])) {
            return true;
        }
        if (stopStrings.isEmpty()) {
            return false;
        }
        String text = decoder.decode(Arrays.copyOfRange(ids, promptLength, length));
        return stopStrings.stream().anyMatch(text::contains);
    }
}
