package dev.transformers4j.learn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import java.util.List;

/**
 * What a decoder-only language model predicts after a prompt: {@code softmax(logits)} at the last position, its
 * {@code k} most probable tokens.
 *
 * @param prompt the prompt's tokens
 * @param top    the most probable next tokens, most probable first
 */
public record NextToken(List<Token> prompt, List<Prediction> top) {

    public NextToken {
        prompt = List.copyOf(prompt);
        top = List.copyOf(top);
    }

    /** The {@code k} most probable tokens after {@code prompt}. */
    public static NextToken of(LoadedModel m, List<Token> prompt, int k) {
        requireCausal(m, "next-token prediction");
        int[] ids = LoadedModel.ids(prompt);
        Tensor logits = Grad.noGrad(() -> m.model().forward(TokenBatch.of(ids), ForwardOptions.DEFAULT).logits());
        int v = logits.size(2);                                                       // [1, T, V]
        return new NextToken(prompt, Predictions.topK(logits.toArray(), (ids.length - 1) * v, v, k, m));
    }

    static void requireCausal(LoadedModel m, String what) {
        if (!m.isCausal()) {
            throw new IllegalArgumentException(m.name() + ": " + what + " needs a decoder-only language model"
                    + " (GPT2LMHeadModel) but this is " + m.model().architecture());
        }
    }
}
