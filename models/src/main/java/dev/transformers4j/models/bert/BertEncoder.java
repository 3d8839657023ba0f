package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.ModuleList;
import dev.transformers4j.models.ForwardOptions;
import java.util.ArrayList;
import java.util.List;

/** A stack of N identical {@link BertLayer}s. */
public final class BertEncoder extends Module {

    final ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) {
        layer = child("layer", new ModuleList<>());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layer.add(new BertLayer(config));
        }
    }

    /** The last hidden state, and (when asked) every layer's input/output and attention probabilities. */
    public record Result(Tensor lastHiddenState, List<Tensor> hiddenStates, List<Tensor> attentions) {
    }

    public Result forward(Tensor x, Tensor mask, ForwardOptions options) {
        ForwardCall call = enter(x, mask, options);
        List<Tensor> hidden = options.outputHiddenStates() ? new ArrayList<>() : List.of();
        List<Tensor> attentions = options.outputAttentions() ? new ArrayList<>() : List.of();
        for (BertLayer l : layer) {
            if (options.outputHiddenStates()) {
                hidden.add(x);
            }
            Attention.Result r = l.forward(x, mask);
            x = r.context();
            if (options.outputAttentions()) {
                attentions.add(r.probs());
            }
        }
        if (options.outputHiddenStates()) {
            hidden.add(x);
        }
        return call.exit(new Result(x, hidden, attentions));
    }
}
