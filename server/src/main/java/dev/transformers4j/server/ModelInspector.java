package dev.transformers4j.server;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.marian.Seq2SeqLMOutput;
import java.util.List;

/**
 * One forward pass with {@code output_attentions} and {@code output_hidden_states}, and the arrays the page draws
 * from it. An encoder-decoder model shows its encoder (the source text), run beside one decoder start token.
 */
final class ModelInspector {

    /** What the explorer reads from one pass over one text: L layers of {@code [1, H, T, T]}, L + 1 of {@code [1, T, C]}. */
    record Pass(List<Tensor> attentions, List<Tensor> hiddenStates, Tensor logits) {
    }

    private ModelInspector() {
    }

    static Pass forward(PretrainedModel model, int[] ids) {
        TokenBatch batch = TokenBatch.of(ids);                                     // [1, T]
        if (model instanceof MarianMTModel marian) {
            Seq2SeqLMOutput out = marian.forward(batch, new int[] {marian.decoderStartTokenId()}, ForwardOptions.ALL);
            return new Pass(out.encoderAttentions(), out.encoderHiddenStates(), null);
        }
        ModelOutput out = model.forward(batch, ForwardOptions.ALL);
        return new Pass(out.attentions(), out.hiddenStates(), out.logits());
    }

    /** Every layer's attention probabilities of the one sequence: {@code [L][H][T][T]}. */
    static float[][][][] attentions(Pass pass) {
        float[][][][] maps = new float[pass.attentions().size()][][][];
        for (int l = 0; l < maps.length; l++) {
            Tensor a = pass.attentions().get(l).contiguous();                      // [1, H, T, T]
            int h = a.size(1);
            int t = a.size(2);
            float[] data = a.toArray();
            maps[l] = new float[h][t][t];
            for (int i = 0; i < h; i++) {
                for (int q = 0; q < t; q++) {
                    System.arraycopy(data, (i * t + q) * t, maps[l][i][q], 0, t);
                }
            }
        }
        return maps;
    }

    /** The rows {@code [T][C]} of each hidden state: L + 1 of them (the embeddings first). */
    static float[][][] hiddenStates(Pass pass) {
        float[][][] states = new float[pass.hiddenStates().size()][][];
        for (int l = 0; l < states.length; l++) {
            Tensor h = pass.hiddenStates().get(l).contiguous();                    // [1, T, C]
            int t = h.size(1);
            int c = h.size(2);
            float[] data = h.toArray();
            states[l] = new float[t][c];
            for (int i = 0; i < t; i++) {
                System.arraycopy(data, i * c, states[l][i], 0, c);
            }
        }
        return states;
    }

    /** The logits of the last position, {@code [V]}. */
    static float[] lastLogits(Pass pass) {
        Tensor logits = pass.logits();                                             // [1, T, V]
        int t = logits.size(1);
        return logits.select(1, t - 1).contiguous().toArray();                     // [1, V]
    }
}
