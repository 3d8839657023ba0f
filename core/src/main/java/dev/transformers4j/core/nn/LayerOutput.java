package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import java.util.function.Consumer;

/**
 * What one Transformer layer returns, HF's {@code layer_outputs} with names: the new hidden state, and the attention
 * probabilities that {@code output_attentions} collects. {@link LayerStack} runs a stack of such layers.
 *
 * @param hiddenState     the layer's output {@code [B, T, C]}
 * @param attentions      its self-attention probabilities {@code [B, H, T, S]}
 * @param crossAttentions its encoder-decoder attention probabilities {@code [B, H, T, S_enc]} (a decoder layer of an
 *                        encoder-decoder model), or null for a layer without one
 */
public record LayerOutput(Tensor hiddenState, Tensor attentions, Tensor crossAttentions) implements TensorContainer {

    /** The output of a layer without encoder-decoder attention. */
    public LayerOutput(Tensor hiddenState, Tensor attentions) {
        this(hiddenState, attentions, null);
    }

    @Override
    public void forEachTensor(Consumer<Tensor> action) {
        action.accept(hiddenState);
        action.accept(attentions);
        action.accept(crossAttentions);
    }
}
