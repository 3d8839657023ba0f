package dev.transformers4j.pipelines.data;

import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.Dataset;
import java.util.Arrays;

/**
 * Windows of a token stream for causal-LM training, labels = the ids (the model shifts them: position t predicts
 * token t + 1, as HF's causal-LM loss does). Training uses every window {@code ids[i .. i+T)} (the trainer's
 * shuffled indices give nanoGPT's random contiguous windows, {@code torch.randint(len(data) − block_size)});
 * validation uses windows that overlap by one token, so that every token of the split after the first is
 * predicted exactly once and the mean loss is the split's nats per token.
 */
public final class LmWindows implements Dataset<Batch> {

    private final int[] ids;
    private final int length;
    private final int[] starts;
    private final int[] skips;           // window k's labels at positions 1..skips[k] are ignored (-100)

    private LmWindows(int[] ids, int length, int[] starts, int[] skips) {
        this.ids = ids;
        this.length = length;
        this.starts = starts;
        this.skips = skips;
    }

    /**
     * Every window of {@code context} tokens: {@code n − context + 1} examples.
     *
     * @throws IllegalArgumentException when the stream is shorter than one window
     */
    public static LmWindows all(TokenStream stream, int context) {
        int[] ids = stream.ids();
        if (context < 1 || ids.length < context) {
            throw new IllegalArgumentException("a window of " + context + " tokens needs a stream of at least that"
                    + " many but it has " + ids.length);
        }
        int[] starts = new int[ids.length - context + 1];
        Arrays.setAll(starts, i -> i);
        return new LmWindows(ids, context, starts, new int[starts.length]);
    }

    /**
     * Windows of {@code L = min(context, n)} tokens starting every {@code L − 1} tokens; the last one is moved back
     * to end at the end of the split, its labels for tokens already predicted set to -100. {@code maxWindows > 0}
     * keeps that many windows, evenly spread (an estimate instead of the exact loss).
     */
    public static LmWindows covering(TokenStream stream, int context, int maxWindows) {
        int[] ids = stream.ids();
        int length = Math.min(context, ids.length);
        if (length < 2) {
            throw new IllegalArgumentException("a validation split needs at least 2 tokens but has " + ids.length);
        }
        int count = (ids.length - 1 + length - 2) / (length - 1);                  // ceil((n − 1) / (L − 1))
        int[] starts = new int[count];
        int[] skips = new int[count];
        for (int k = 0; k < count; k++) {
            starts[k] = Math.min(k * (length - 1), ids.length - length);
            skips[k] = k * (length - 1) - starts[k];
        }
        if (maxWindows > 0 && maxWindows < count) {
            int[] pick = new int[maxWindows];
            Arrays.setAll(pick, k -> (int) ((long) k * count / maxWindows));
            return new LmWindows(ids, length, Arrays.stream(pick).map(k -> starts[k]).toArray(),
                    Arrays.stream(pick).map(k -> skips[k]).toArray());
        }
        return new LmWindows(ids, length, starts, skips);
    }

    @Override
    public int size() {
        return starts.length;
    }

    @Override
    public Batch batch(int[] indices) {
        int[] x = new int[indices.length * length];                              // [B, T]
        int[] labels = new int[x.length];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(ids, starts[indices[b]], x, b * length, length);
            System.arraycopy(x, b * length, labels, b * length, length);
            Arrays.fill(labels, b * length + 1, b * length + 1 + skips[indices[b]], Losses.IGNORE_INDEX);
        }
        int[] ones = new int[x.length];
        Arrays.fill(ones, 1);
        return new Batch(new TokenBatch(indices.length, length, x, new int[x.length], ones), labels);
    }
}
