package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a forward pass returns, with HF's names. Fields a model does not produce are null
 * ({@code poolerOutput} without a pooler, {@code logits} without a head); the lists are empty unless
 * {@link ForwardOptions} asked for them.
 *
 * @param lastHiddenState  {@code [B, T, C]}
 * @param poolerOutput     {@code [B, C]}
 * @param logits           {@code [B, T, V]} for language-model heads, {@code [B, L]} for classification
 * @param hiddenStates     the embeddings output, then every layer's output: N+1 tensors {@code [B, T, C]}
 * @param attentions       every layer's attention probabilities {@code [B, H, T, T]}
 * @param hiddenStateNames what each hidden state is the output of, by module path in the base model
 *                         ({@code "embeddings"}, {@code "encoder.layer.0"}, …, GPT-2's last {@code "h.11 + ln_f"});
 *                         empty when {@code hiddenStates} is
 */
public record ModelOutput(Tensor lastHiddenState, Tensor poolerOutput, Tensor logits,
                          List<Tensor> hiddenStates, List<Tensor> attentions, List<String> hiddenStateNames)
        implements TensorContainer {

    public ModelOutput {
        hiddenStates = List.copyOf(hiddenStates);
        attentions = List.copyOf(attentions);
        hiddenStateNames = List.copyOf(hiddenStateNames);
        if (!hiddenStateNames.isEmpty() && hiddenStateNames.size() != hiddenStates.size()) {
            throw new IllegalArgumentException(hiddenStateNames.size() + " hidden state names for "
                    + hiddenStates.size() + " hidden states");
        }
    }

    @Override
    public void forEachTensor(Consumer<Tensor> action) {
        action.accept(lastHiddenState);
        action.accept(poolerOutput);
        action.accept(logits);
        hiddenStates.forEach(action);
        attentions.forEach(action);
    }

    /** A copy with logits set (a head on top of a base model's output). */
    public ModelOutput withLogits(Tensor newLogits) {
        return new ModelOutput(lastHiddenState, poolerOutput, newLogits, hiddenStates, attentions, hiddenStateNames);
    }
}
