package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;

/** The second half of the feed-forward network, {@code ·W_2 + b_2} (F back to C), then residual and LayerNorm. */
public final class BertOutput extends Module {

    final Linear dense;
    final LayerNorm layerNorm;
    final Dropout dropout;

    public BertOutput(BertConfig config) {
        dense = child("dense", new Linear(config.intermediateSize(), config.hiddenSize()));
        layerNorm = child("LayerNorm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
    }

    /** {@code LayerNorm(input + dropout(dense(hidden)))}: {@code [B, T, F]}, {@code [B, T, C]} → {@code [B, T, C]}. */
    public Tensor forward(Tensor hidden, Tensor input) {
        return enter(hidden, input).exit(layerNorm.forward(dropout.forward(dense.forward(hidden)).add(input)));
    }
}
