package dev.transformers4j.pipelines.data;

import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;

/**
 * A batch of language-model training windows, as nanoGPT's {@code get_batch}: B windows of {@code context + 1}
 * consecutive tokens; the inputs x are each window's first {@code context} tokens and the targets y the same
 * window shifted by one, so position t of x is trained to predict {@code y[t] = x[t + 1]}.
 *
 * <p>Two ways to get nanoGPT's loss (the mean over all B·context targets):
 * <ul>
 *   <li>{@code crossEntropyLoss(model.forward(inputs()).logits(), targets())}: logits {@code [B, context, V]};</li>
 *   <li>{@code model.loss(windows(), windowLabels())}: HF's causal-LM loss shifts the labels itself, so giving it
 *       the whole window scores exactly the same B·context predictions (the model then needs
 *       {@code n_positions >= context + 1}).</li>
 * </ul>
 *
 * @param windows {@code [B, context + 1]} token ids, row-major
 */
public record LmBatch(int batch, int context, int[] windows) {

    public LmBatch {
        if (batch < 1 || context < 1 || windows.length != batch * (context + 1)) {
            throw new IllegalArgumentException("LM batch [" + batch + ", " + context + " + 1] needs "
                    + batch * (context + 1) + " ids but got " + windows.length);
        }
    }

    /** x: the first {@code context} tokens of each window, {@code [B, context]}, no padding. */
    public TokenBatch inputs() {
        int[] x = new int[batch * context];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(windows, b * (context + 1), x, b * context, context);
        }
        return unpadded(x, context);
    }

    /** y: the last {@code context} tokens of each window, {@code [B, context]} row-major. */
    public int[] targets() {
        int[] y = new int[batch * context];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(windows, b * (context + 1) + 1, y, b * context, context);
        }
        return y;
    }

    /** x as a decoder step at positions 0..context−1. */
    public DecoderInput decoderInput() {
        return DecoderInput.of(inputs());
    }

    /** The whole windows, {@code [B, context + 1]}, for a loss that shifts labels itself. */
    public TokenBatch windowBatch() {
        return unpadded(windows.clone(), context + 1);
    }

    /** The labels of {@link #windowBatch()} for HF's causal-LM loss: the window ids themselves. */
    public int[] windowLabels() {
        return windows.clone();
    }

    /** The number of predicted tokens, B·context. */
    public int targetCount() {
        return batch * context;
    }

    private TokenBatch unpadded(int[] ids, int length) {
        int[] ones = new int[ids.length];
        Arrays.fill(ones, 1);
        return new TokenBatch(batch, length, ids, new int[ids.length], ones);
    }
}
