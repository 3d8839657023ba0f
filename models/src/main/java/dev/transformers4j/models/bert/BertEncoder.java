package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerStack;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.ModuleList;
import dev.transformers4j.models.ForwardOptions;

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
    public LayerStack.Output forward(Tensor x, Tensor mask, ForwardOptions options) {
        ForwardCall call = enter(x, mask, options);
        return call.exit(LayerStack.run(layer, x, (l, i, h) -> l.forward(h, mask), options));
    }
}
