package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianMTModel;
import java.util.List;

/**
 * One forward pass of one sequence with {@code output_hidden_states} and {@code output_attentions} on, and the names
 * of its hidden states. For an encoder-decoder model (Marian) it is the encoder's pass.
 *
 * @param output the model's output: N + 1 hidden states {@code [1, T, C]}, N attentions {@code [1, H, T, T]}
 */
public record ForwardTrace(ModelOutput output) {

    /** Runs {@code m} on {@code tokens} (no gradient recorded). */
    public static ForwardTrace run(LoadedModel m, List<Token> tokens) {
        int[] ids = LoadedModel.ids(tokens);
        PretrainedModel model = m.model();
        ModelOutput out = Grad.noGrad(() -> model instanceof MarianMTModel marian
                ? marian.model().encode(TokenBatch.of(ids), ForwardOptions.ALL)
                : model.forward(TokenBatch.of(ids), ForwardOptions.ALL));
        return new ForwardTrace(out);
    }

    /**
     * One name per hidden state, as the model recorded them ({@link ModelOutput#hiddenStateNames}): HF's module
     * names ({@code "embeddings"}, {@code "encoder.layer.0"}; GPT-2's last is {@code "h.11 + ln_f"}).
     */
    public List<String> names() {
        return output.hiddenStateNames();
    }

    public List<Tensor> hiddenStates() {
        return output.hiddenStates();
    }

    public List<Tensor> attentions() {
        return output.attentions();
    }
}
