package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * How the residual stream changes layer by layer: for each hidden state (the embeddings, then every layer's
 * output) the mean L2 norm of its token vectors, and how close it already is to the final one — the mean over
 * tokens of {@code cos(h_t^(l), h_t^(N))}. The last row's cosine is 1 by definition.
 *
 * <p>GPT-2's last hidden state is taken after the final LayerNorm {@code ln_f}, as HF returns it, so its norm is on
 * another scale than the layers before it.
 *
 * @param tokens the input tokens (T)
 * @param layers N + 1 rows, embeddings first
 */
public record HiddenStateStats(List<Token> tokens, List<Layer> layers) {

    /**
     * One hidden state.
     *
     * @param index         its index in HF's {@code hidden_states} (0 = embeddings)
     * @param name          the module whose output it is ({@code "encoder.layer.3"})
     * @param meanNorm      the mean over tokens of {@code ‖h_t‖₂}
     * @param cosineToFinal the mean over tokens of the cosine similarity to the last hidden state
     */
    public record Layer(int index, String name, double meanNorm, double cosineToFinal) {
    }

    public HiddenStateStats {
        tokens = List.copyOf(tokens);
        layers = List.copyOf(layers);
    }

    /** One forward pass of {@code m} on {@code tokens}. */
    public static HiddenStateStats of(LoadedModel m, List<Token> tokens) {
        ForwardTrace trace = ForwardTrace.run(m, tokens);
        List<Tensor> hidden = trace.hiddenStates();
        int t = tokens.size();
        float[] last = hidden.getLast().toArray();                                    // [1, T, C]
        int c = last.length / t;
        List<Layer> rows = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            float[] h = hidden.get(l).toArray();                                      // [1, T, C]
            double norms = 0;
            double cosines = 0;
            for (int i = 0; i < t; i++) {
                double n = norm(h, i * c, c);
                norms += n;
                cosines += dot(h, last, i * c, c) / (n * norm(last, i * c, c));
            }
            rows.add(new Layer(l, trace.names().get(l), norms / t, cosines / t));
        }
        return new HiddenStateStats(tokens, rows);
    }

    private static double norm(float[] x, int from, int n) {
        return Math.sqrt(dot(x, x, from, n));
    }

    private static double dot(float[] a, float[] b, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
