package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import java.util.List;

/**
 * The attention probabilities of every layer and head for one input: §3.2.1
 * {@code softmax(QKᵀ/√d_k)}, the weights each query token puts on each key token (rows sum to 1). GPT-2's maps
 * are causal (zero above the diagonal); BERT's are full; for Marian they are the encoder's self-attention.
 *
 * @param tokens  the input tokens (T)
 * @param causal  whether position i attends only to positions ≤ i
 * @param weights {@code [L][H][T][T]}: layer, head, query token, key token
 */
public record AttentionMaps(List<Token> tokens, boolean causal, float[][][][] weights) {

    public AttentionMaps {
        tokens = List.copyOf(tokens);
    }

    /** One forward pass of {@code m} on {@code tokens}, keeping every layer's attention probabilities. */
    public static AttentionMaps of(LoadedModel m, List<Token> tokens) {
        List<Tensor> attentions = ForwardTrace.run(m, tokens).attentions();
        float[][][][] w = new float[attentions.size()][][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = perHead(attentions.get(l));
        }
        return new AttentionMaps(tokens, m.isCausal(), w);
    }

    /** {@code [1, H, T, T]} → {@code [H][T][T]}. */
    private static float[][][] perHead(Tensor a) {
        int h = a.size(1);
        int t = a.size(2);
        float[] data = a.toArray();
        float[][][] out = new float[h][t][t];
        for (int i = 0; i < h; i++) {
            for (int q = 0; q < t; q++) {
                System.arraycopy(data, (i * t + q) * t, out[i][q], 0, t);
            }
        }
        return out;
    }

    /** The number of layers L. */
    public int layerCount() {
        return weights.length;
    }

    /** The number of heads H per layer. */
    public int headCount() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    /** The maps of every head of {@code layer}, {@code [H][T][T]}. */
    public float[][][] layer(int layer) {
        checkLayer(layer);
        return weights[layer];
    }

    /** One head's map {@code [T][T]}: row = query token, column = key token. */
    public float[][] head(int layer, int head) {
        checkLayer(layer);
        checkHead(head);
        return weights[layer][head];
    }

    /** Throws naming the valid range when {@code layer} is not 0..L−1. */
    public void checkLayer(int layer) {
        if (layer < 0 || layer >= layerCount()) {
            throw new IllegalArgumentException("layer " + layer + " does not exist: expected 0.." + (layerCount() - 1)
                    + " (the model has " + layerCount() + " layers)");
        }
    }

    /** Throws naming the valid range when {@code head} is not 0..H−1. */
    public void checkHead(int head) {
        if (head < 0 || head >= headCount()) {
            throw new IllegalArgumentException("head " + head + " does not exist: expected 0.." + (headCount() - 1)
                    + " (each layer has " + headCount() + " heads)");
        }
    }
}
