package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.gpt2.GPT2Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The logit lens (nostalgebraist, 2020): what GPT-2 would predict if it stopped after each layer. Every hidden
 * state goes through the model's own final LayerNorm {@code ln_f} and its tied LM head {@code h·Eᵀ} (E = {@code wte});
 * the top tokens of the softmax are decoded. HF's last hidden state already has {@code ln_f} applied, so it goes
 * through the head only: the last row equals the model's real prediction.
 *
 * @param tokens    the input tokens (T)
 * @param positions the positions looked at (by default only the last, T − 1)
 * @param rows      one row per hidden state, embeddings first
 */
public record LogitLens(List<Token> tokens, List<Integer> positions, List<Row> rows) {

    /**
     * One hidden state seen through the lens.
     *
     * @param index       its index in HF's {@code hidden_states} (0 = {@code wte + wpe})
     * @param name        the module whose output it is
     * @param predictions the top tokens at each of {@link #positions()}, in the same order
     */
    public record Row(int index, String name, List<List<Prediction>> predictions) {

        public Row {
            predictions = List.copyOf(predictions);
        }
    }

    public LogitLens {
        tokens = List.copyOf(tokens);
        positions = List.copyOf(positions);
        rows = List.copyOf(rows);
    }

    /**
     * The lens on every hidden state of {@code m} on {@code tokens}.
     *
     * @param allPositions every position, or only the last one
     */
    public static LogitLens of(LoadedModel m, List<Token> tokens, int k, boolean allPositions) {
        NextToken.requireCausal(m, "the logit lens");
        if (!(m.model() instanceof GPT2LMHeadModel gpt2)) {
            throw new IllegalArgumentException(m.name() + ": the logit lens knows GPT-2's ln_f and LM head only, not "
                    + m.model().architecture());
        }
        ForwardTrace trace = ForwardTrace.run(m, tokens);
        List<Integer> positions = new ArrayList<>();
        for (int p = allPositions ? 0 : tokens.size() - 1; p < tokens.size(); p++) {
            positions.add(p);
        }
        List<Tensor> hidden = trace.hiddenStates();
        List<Row> rows = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            Tensor logits = lens(gpt2.transformer(), hidden.get(l), l == hidden.size() - 1);   // [1, T, V]
            int v = logits.size(2);
            float[] data = logits.toArray();
            List<List<Prediction>> perPosition = new ArrayList<>();
            for (int p : positions) {
                perPosition.add(Predictions.topK(data, p * v, v, k, m));
            }
            rows.add(new Row(l, trace.names().get(l), perPosition));
        }
        return new LogitLens(tokens, positions, rows);
    }

    /** {@code ln_f(h)·Eᵀ}, or {@code h·Eᵀ} for the last hidden state (already normalised). */
    private static Tensor lens(GPT2Model transformer, Tensor h, boolean isFinal) {
        return Grad.noGrad(() -> {
            Tensor x = isFinal ? h : transformer.lnF().forward(h);                    // [1, T, C]
            return x.linear(transformer.wte().weight().value(), null);                // [1, T, V]
        });
    }
}
