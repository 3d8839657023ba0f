package dev.transformers4j.generation;

import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.TokenBatch;

/**
 * A decoder-only {@link DecodingSession} that keeps generating past the model's {@code n_positions}, as nanoGPT's
 * {@code generate()} does ({@code idx_cond = idx[:, -block_size:]}): while the sequence fits the window it is an
 * ordinary {@link IncrementalDecoder}; after that, every step runs the model afresh over the last {@code window}
 * tokens, at positions 0 … window − 1. The cache cannot be kept, because sliding the window changes the position of
 * every token in it.
 */
final class SlidingWindowDecoder implements DecodingSession {

    private final CausalLM model;
    private final int rows;
    private final int window;
    private int[] ids;                  // [rows, length], left-padded history
    private int[] mask;                 // [rows, length]
    private int length;
    private IncrementalDecoder inner;   // while the whole history fits the window, else null

    SlidingWindowDecoder(CausalLM model, int rows, int window) {
        this.model = model;
        this.rows = rows;
        this.window = window;
    }

    @Override
    public float[] prefill(TokenBatch prompts) {
        ids = prompts.ids().clone();
        mask = prompts.attentionMask().clone();
        length = prompts.length();
        if (length > window) {
            return rerun();
        }
        inner = new IncrementalDecoder(model, rows, window);
        return inner.prefill(prompts);
    }

    @Override
    public float[] step(int[] tokens) {
        int[] grownIds = new int[rows * (length + 1)];
        int[] grownMask = new int[rows * (length + 1)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids, r * length, grownIds, r * (length + 1), length);
            System.arraycopy(mask, r * length, grownMask, r * (length + 1), length);
            grownIds[r * (length + 1) + length] = tokens[r];
            grownMask[r * (length + 1) + length] = 1;
        }
        ids = grownIds;
        mask = grownMask;
        length++;
        if (inner != null && length <= window) {
            return inner.step(tokens);
        }
        inner = null;
        return rerun();
    }

    @Override
    public void reorder(int[] from) {
        int[] newIds = new int[ids.length];
        int[] newMask = new int[mask.length];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(ids, from[i] * length, newIds, i * length, length);
            System.arraycopy(mask, from[i] * length, newMask, i * length, length);
        }
        ids = newIds;
        mask = newMask;
        if (inner != null) {
            inner.reorder(from);
        }
    }

    /** The next-token logits from the last {@code window} tokens of every row, run as a fresh prompt. */
    private float[] rerun() {
        int w = Math.min(window, length);
        int[] windowIds = new int[rows * w];
        int[] windowMask = new int[rows * w];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids, r * length + length - w, windowIds, r * w, w);
            System.arraycopy(mask, r * length + length - w, windowMask, r * w, w);
        }
        TokenBatch last = new TokenBatch(rows, w, windowIds, new int[rows * w], windowMask);
        return new IncrementalDecoder(model, rows, w).prefill(last);
    }
}
