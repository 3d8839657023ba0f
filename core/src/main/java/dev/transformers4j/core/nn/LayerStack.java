package dev.transformers4j.core.nn;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.TensorContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a stack of N layers, {@code x = layer_i(x)} for i = 0 … N−1, and records what HF's
 * {@code output_hidden_states} and {@code output_attentions} return: the stack's input and every layer's output
 * (N + 1 hidden states), and every layer's attention probabilities. Each layer runs through its own
 * {@code forward}, so its hooks fire as usual; when nothing is asked for, nothing is recorded. A model family
 * writes its layer and calls this: the loop is written once, here.
 */
public final class LayerStack {

    /** What to record, as HF's {@code output_hidden_states} and {@code output_attentions}. */
    public interface Options {

        boolean outputHiddenStates();

        boolean outputAttentions();
    }

    /** How the stack calls one layer: {@code layer.forward(x, …)} with whatever else that layer reads. */
    @FunctionalInterface
    public interface LayerCall<L extends Module> {

        /**
         * @param index the layer's index in the stack
         * @param x     its input {@code [B, T, C]}
         */
        LayerOutput forward(L layer, int index, Tensor x);
    }

    /**
     * What a stack returns. The lists are empty unless {@link Options} asked for them.
     *
     * @param lastHiddenState the last layer's output {@code [B, T, C]}, after {@code finalNorm} when there is one
     * @param hiddenStates    the input, then every layer's output: N + 1 of {@code [B, T, C]} (the last one after
     *                        {@code finalNorm}, as HF returns it)
     * @param attentions      every layer's self-attention probabilities {@code [B, H, T, S]}
     * @param crossAttentions every layer's encoder-decoder attention probabilities (layers that have one)
     * @param layers          the layers that ran: their module paths name the recorded tensors
     * @param finalNorm       the normalisation applied after the last layer (GPT-2's {@code ln_f}), or null
     */
    public record Output(Tensor lastHiddenState, List<Tensor> hiddenStates, List<Tensor> attentions,
                         List<Tensor> crossAttentions, ModuleList<?> layers, Module finalNorm)
            implements TensorContainer {

        public Output {
            hiddenStates = List.copyOf(hiddenStates);
            attentions = List.copyOf(attentions);
            crossAttentions = List.copyOf(crossAttentions);
        }

        @Override
        public void forEachTensor(Consumer<Tensor> action) {
            action.accept(lastHiddenState);
            hiddenStates.forEach(action);
            attentions.forEach(action);
            crossAttentions.forEach(action);
        }

        /** This output after a final normalisation {@code norm} gave {@code normed} from the last hidden state. */
        public Output withFinalNorm(Module norm, Tensor normed) {
            List<Tensor> hidden = hiddenStates;
            if (!hidden.isEmpty()) {
                hidden = new ArrayList<>(hidden);
                hidden.set(hidden.size() - 1, normed);                  // as HF: the last one after the norm
            }
            return new Output(normed, hidden, attentions, crossAttentions, layers, norm);
        }

        /**
         * One name per recorded hidden state: {@code inputName}, then each layer's module path from {@code model}
         * ({@code encoder.layer.0}, …); a final norm is added to the last name ({@code h.11 + ln_f}).
         */
        public List<String> hiddenStateNames(String inputName, Module model) {
            if (hiddenStates.isEmpty()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            names.add(inputName);
            layers.forEach(layer -> names.add(layer.pathFrom(model)));
            if (finalNorm != null) {
                names.set(names.size() - 1, names.getLast() + " + " + finalNorm.pathFrom(model));
            }
            return List.copyOf(names);
        }
    }

    private LayerStack() {
    }

    /**
     * Runs {@code layers} on {@code x}.
     *
     * @param x       the stack's input {@code [B, T, C]} (the embeddings)
     * @param call    runs one layer
     * @param options which per-layer tensors to record
     */
    public static <L extends Module> Output run(ModuleList<L> layers, Tensor x, LayerCall<L> call, Options options) {
        boolean recordHidden = options.outputHiddenStates();
        boolean recordAttentions = options.outputAttentions();
        List<Tensor> hidden = recordHidden ? new ArrayList<>() : List.of();
        List<Tensor> attentions = recordAttentions ? new ArrayList<>() : List.of();
        List<Tensor> cross = recordAttentions ? new ArrayList<>() : List.of();
        try (Attention.Scope keep = Attention.keepProbabilities(recordAttentions)) {
            for (int i = 0; i < layers.size(); i++) {
                if (recordHidden) {
                    hidden.add(x);
                }
                LayerOutput out = call.forward(layers.get(i), i, x);
                x = out.hiddenState();                                      // [B, T, C]
                if (recordAttentions) {
                    attentions.add(out.attentions());
                    if (out.crossAttentions() != null) {
                        cross.add(out.crossAttentions());
                    }
                }
            }
        }
        if (recordHidden) {
            hidden.add(x);
        }
        return new Output(x, hidden, attentions, cross, layers, null);
    }
}
