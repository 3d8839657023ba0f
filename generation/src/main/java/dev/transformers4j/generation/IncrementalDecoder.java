package dev.transformers4j.generation;

import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.TokenBatch;

/**
 * The {@link DecodingSession} of a decoder-only model: runs a causal model one step at a time over a KV cache allocated once for the whole generation. Positions
 * follow HF's {@code prepare_inputs_for_generation}: {@code position_ids = cumsum(attention_mask) − 1} (padded
 * prompt positions 1), so a left-padded row continues from its real length; each new token extends the mask by 1.
 */
final class IncrementalDecoder implements DecodingSession {

    private final CausalLM model;
    private final KVCache cache;
    private final int rows;
    private final int[] realTokens;     // per row: cumsum(attention_mask) so far
    private int[] mask;                 // [rows, length]
    private int length;

    IncrementalDecoder(CausalLM model, int rows, int capacity) {
        this.model = model;
        this.rows = rows;
        this.cache = model.newCache(rows, capacity);
        this.realTokens = new int[rows];
    }

    /** Runs the left-padded prompts {@code [rows, P]}; returns the next-token logits {@code [rows, V]}. */
    @Override
    public float[] prefill(TokenBatch prompts) {
        mask = prompts.attentionMask().clone();
        length = prompts.length();
        for (int r = 0; r < rows; r++) {
            realTokens[r] = prompts.realLength(r);
        }
        return model.nextTokenLogits(DecoderInput.leftPaddedPrompt(prompts), cache).toArray();
    }

    /** Runs one new token per row; returns the next-token logits {@code [rows, V]}. */
    @Override
    public float[] step(int[] tokens) {
        int[] grown = new int[rows * (length + 1)];                  // [rows, length + 1]
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(mask, r * length, grown, r * (length + 1), length);
            grown[r * (length + 1) + length] = 1;
            positions[r] = realTokens[r]++;                           // cumsum(mask) − 1 at the new token
        }
        mask = grown;
        length++;
        return model.nextTokenLogits(new DecoderInput(rows, 1, tokens, positions, mask), cache).toArray();
    }

    /** Row i continues from row {@code from[i]} (beam search): cache, mask and positions are copied. */
    @Override
    public void reorder(int[] from) {
        cache.reorder(from);
        int[] newMask = new int[mask.length];
        int[] newReal = new int[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(mask, from[i] * length, newMask, i * length, length);
            newReal[i] = realTokens[from[i]];
        }
        mask = newMask;
        System.arraycopy(newReal, 0, realTokens, 0, rows);
    }
}
