package dev.transformers4j.generation;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.KVCache;

/** A fake causal LM whose next-token logits depend only on the last token: {@code table[last]}. */
final class MarkovLM implements CausalLM {

    private final float[][] table;
    int steps;

    MarkovLM(float[][] table) {
        this.table = table;
    }

    /** Every token is followed by the same logits. */
    static MarkovLM constant(int vocab, float... logits) {
        float[][] t = new float[vocab][];
        for (int i = 0; i < vocab; i++) {
            t[i] = logits.clone();
        }
        return new MarkovLM(t);
    }

    @Override
    public KVCache newCache(int batch, int capacity) {
        return new KVCache(1, batch, 1, capacity, 1);
    }

    @Override
    public Tensor nextTokenLogits(DecoderInput in, KVCache cache) {
        steps++;
        int v = vocabSize();
        float[] out = new float[in.batch() * v];
        for (int b = 0; b < in.batch(); b++) {
            int last = in.ids()[b * in.length() + in.length() - 1];
            System.arraycopy(table[last], 0, out, b * v, v);
        }
        return Tensor.of(out, in.batch(), v);
    }

    @Override
    public int maxPositions() {
        return 64;
    }

    @Override
    public int vocabSize() {
        return table[0].length;
    }
}
