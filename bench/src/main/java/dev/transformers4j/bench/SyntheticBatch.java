package dev.transformers4j.bench;

import dev.transformers4j.models.TokenBatch;
import java.util.Random;

/**
 * Deterministic random input for an encoder: {@code [B, T]} token ids, each row {@code [CLS] w… [SEP]} with
 * the words drawn uniformly from {@code [1000, vocab)} (past BERT's special and unused tokens), the attention
 * mask all ones and the token type ids all zeros. The same seed gives the same ids to both implementations.
 */
record SyntheticBatch(int batch, int length, int[] ids) {

    static final int CLS = 101;
    static final int SEP = 102;
    static final int FIRST_WORD = 1000;

    /** {@code batch} rows of {@code length ≥ 2} tokens for a vocabulary of {@code vocab} entries. */
    static SyntheticBatch random(int batch, int length, int vocab, long seed) {
        if (length < 2 || vocab <= FIRST_WORD) {
            throw new IllegalArgumentException("synthetic batch: need length ≥ 2 and vocab > " + FIRST_WORD
                    + " but got length " + length + ", vocab " + vocab);
        }
        Random rnd = new Random(seed);
        int[] ids = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            int row = b * length;
            ids[row] = CLS;
            for (int t = 1; t < length - 1; t++) {
                ids[row + t] = FIRST_WORD + rnd.nextInt(vocab - FIRST_WORD);
            }
            ids[row + length - 1] = SEP;
        }
        return new SyntheticBatch(batch, length, ids);
    }

    /** The batch for our models: type ids 0, mask 1. */
    TokenBatch tokenBatch() {
        int n = batch * length;
        int[] mask = new int[n];
        java.util.Arrays.fill(mask, 1);
        return new TokenBatch(batch, length, ids.clone(), new int[n], mask);
    }

    /** A short label, {@code 32×128}. */
    String label() {
        return batch + "×" + length;
    }
}
