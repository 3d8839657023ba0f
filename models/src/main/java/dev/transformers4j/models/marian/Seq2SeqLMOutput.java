package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an encoder-decoder forward pass returns, with HF's names ({@code Seq2SeqLMOutput}). The lists are
 * empty unless {@link dev.transformers4j.models.ForwardOptions} asked for them.
 *
 * @param logits                 {@code [B, T, V]} (null from the base {@link MarianModel})
 * @param decoderLastHiddenState {@code [B, T, C]}
 * @param decoderHiddenStates    the embeddings, then every decoder layer's output: N + 1 of {@code [B, T, C]}
 * @param decoderAttentions      every decoder layer's self-attention {@code [B, H, T, T]}
 * @param crossAttentions        every decoder layer's encoder-decoder attention {@code [B, H, T, S]}
 * @param encoderLastHiddenState {@code [B, S, C]}
 * @param encoderHiddenStates    N + 1 of {@code [B, S, C]}
 * @param encoderAttentions      every encoder layer's self-attention {@code [B, H, S, S]}
 */
public record Seq2SeqLMOutput(Tensor logits, Tensor decoderLastHiddenState, List<Tensor> decoderHiddenStates,
                              List<Tensor> decoderAttentions, List<Tensor> crossAttentions,
                              Tensor encoderLastHiddenState, List<Tensor> encoderHiddenStates,
                              List<Tensor> encoderAttentions) implements TensorContainer {

    public Seq2SeqLMOutput {
        decoderHiddenStates = List.copyOf(decoderHiddenStates);
        decoderAttentions = List.copyOf(decoderAttentions);
        crossAttentions = List.copyOf(crossAttentions);
        encoderHiddenStates = List.copyOf(encoderHiddenStates);
        encoderAttentions = List.copyOf(encoderAttentions);
    }

    @Override
    public void forEachTensor(Consumer<Tensor> action) {
        action.accept(logits);
        action.accept(decoderLastHiddenState);
        decoderHiddenStates.forEach(action);
        decoderAttentions.forEach(action);
        crossAttentions.forEach(action);
        action.accept(encoderLastHiddenState);
        encoderHiddenStates.forEach(action);
        encoderAttentions.forEach(action);
    }

    /** A copy with logits set (the LM head on top of the base model's output). */
    public Seq2SeqLMOutput withLogits(Tensor newLogits) {
        return new Seq2SeqLMOutput(newLogits, decoderLastHiddenState, decoderHiddenStates, decoderAttentions,
                crossAttentions, encoderLastHiddenState, encoderHiddenStates, encoderAttentions);
    }
}
