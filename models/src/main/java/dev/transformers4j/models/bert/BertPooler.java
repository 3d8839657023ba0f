package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;

/** BERT's pooler: {@code tanh(dense(h_[CLS]))}, the first token's final state through a dense layer. */
public final class BertPooler extends Module {

    final Linear dense;

    public BertPooler(BertConfig config) {
        dense = child("dense", new Linear(config.hiddenSize(), config.hiddenSize()));
    }

    /** {@code [B, T, C] → [B, C]}. */
    public Tensor forward(Tensor hidden) {
        return enter(hidden).exit(dense.forward(hidden.select(1, 0)).tanh());
    }
}
