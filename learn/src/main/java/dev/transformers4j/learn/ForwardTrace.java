package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.marian.MarianMTModel;
import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass of one sequence with {@code output_hidden_states} and {@code output_attentions} on, and the names
 * of its hidden states. For an encoder-decoder model (Marian) it is the encoder's pass.
 *
 * @param output the model's output: N + 1 hidden states {@code [1, T, C]}, N attentions {@code [1, H, T, T]}
 * @param names  one name per hidden state, from HF's module names ({@code "embeddings"}, {@code "encoder.layer.0"})
 */
public record ForwardTrace(ModelOutput output, List<String> names) {

    public ForwardTrace {
        names = List.copyOf(names);
    }

    /** Runs {@code m} on {@code tokens} (no gradient recorded). */
    public static ForwardTrace run(LoadedModel m, List<Token> tokens) {
        int[] ids = LoadedModel.ids(tokens);
        PretrainedModel model = m.model();
        ModelOutput out = Grad.noGrad(() -> model instanceof MarianMTModel marian
                ? marian.model().encode(TokenBatch.of(ids), ForwardOptions.ALL)
                : model.forward(TokenBatch.of(ids), ForwardOptions.ALL));
        return new ForwardTrace(out, names(model, out.hiddenStates().size()));
    }

    public List<Tensor> hiddenStates() {
        return output.hiddenStates();
    }

    public List<Tensor> attentions() {
        return output.attentions();
    }

    /**
     * What each hidden state is the output of: the embeddings, then each layer by its module name. GPT-2's last
     * hidden state is after the final LayerNorm, as HF returns it ({@code "h.11 + ln_f"}).
     */
    static List<String> names(PretrainedModel model, int count) {
        List<String> names = new ArrayList<>(count);
        String layer = switch (model) {
            case GPT2LMHeadModel g -> "h.";
            case MarianMTModel mt -> "encoder.layers.";
            default -> "encoder.layer.";
        };
        names.add(model instanceof GPT2LMHeadModel ? "wte + wpe" : "embeddings");
        for (int i = 0; i + 1 < count; i++) {
            names.add(layer + i);
        }
        if (model instanceof GPT2LMHeadModel && count > 1) {
            names.set(count - 1, names.get(count - 1) + " + ln_f");
        }
        return names;
    }
}
