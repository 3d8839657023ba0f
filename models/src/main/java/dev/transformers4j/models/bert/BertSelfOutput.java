package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;

/** The attention sub-layer's output projection W^O, then residual and LayerNorm (§3.1, post-LN): {@code LayerNorm(x + Sublayer(x))}. */
public final class BertSelfOutput extends Module {

    final Linear dense;
    final LayerNorm layerNorm;
    final Dropout dropout;

    public BertSelfOutput(BertConfig config) {
        dense = child("dense", new Linear(config.hiddenSize(), config.hiddenSize()));
        layerNorm = child("LayerNorm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
    }

    /** {@code LayerNorm(input + dropout(dense(attended)))}, all {@code [B, T, C]}. */
    public Tensor forward(Tensor attended, Tensor input) {
        return enter(attended, input).exit(layerNorm.forward(dropout.forward(dense.forward(attended)).add(input)));
    }
}
