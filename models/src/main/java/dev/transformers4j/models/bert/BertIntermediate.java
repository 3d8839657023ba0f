package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.Activation;

/**
 * The first half of the position-wise feed-forward network, Eq. 2: {@code act(x·W_1 + b_1)}, widening C to F.
 * The paper uses ReLU; BERT uses GELU ({@code hidden_act}).
 */
public final class BertIntermediate extends Module {

    final Linear dense;
    private final Activation act;

    public BertIntermediate(BertConfig config) {
        dense = child("dense", new Linear(config.hiddenSize(), config.intermediateSize()));
        act = config.hiddenAct();
    }

    /** {@code [B, T, C] → [B, T, F]}. */
    public Tensor forward(Tensor x) {
        return enter(x).exit(act.apply(dense, x));
    }
}
