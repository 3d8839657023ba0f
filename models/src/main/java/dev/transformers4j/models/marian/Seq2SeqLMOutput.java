package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import java.util.List;

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
                              List<Tensor> encoderAttentions) {

    public Seq2SeqLMOutput {
        decoderHiddenStates = List.copyOf(decoderHiddenStates);
        decoderAttentions = List.copyOf(decoderAttentions);
        crossAttentions = List.copyOf(crossAttentions);
        encoderHiddenStates = List.copyOf(encoderHiddenStates);
        encoderAttentions = List.copyOf(encoderAttentions);
    }

    /** A copy with logits set (the LM head on top of the base model's output). */
    public Seq2SeqLMOutput withLogits(Tensor newLogits) {
        return new Seq2SeqLMOutput(newLogits, decoderLastHiddenState, decoderHiddenStates, decoderAttentions,
                crossAttentions, encoderLastHiddenState, encoderHiddenStates, encoderAttentions);
    }
}
