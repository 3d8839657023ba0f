package dev.transformers4j.models.gpt2;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Conv1D;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.Activation;

/** The position-wise feed-forward network, Eq. 2, with GPT-2's activation ({@code activation_function}). */
public final class GPT2MLP extends Module {

    final Conv1D cFc;
    final Conv1D cProj;
    final Dropout dropout;
    private final Activation act;

    public GPT2MLP(GPT2Config config) {
        cFc = child("c_fc", new Conv1D(config.nEmbd(), config.nInner()));
        cProj = child("c_proj", new Conv1D(config.nInner(), config.nEmbd()));
        dropout = child("dropout", new Dropout(config.residPdrop()));
        act = config.activation();
    }

    /** {@code [B, T, C] → [B, T, F] → [B, T, C]}. */
    public Tensor forward(Tensor x) {
        return enter(x).exit(dropout.forward(cProj.forward(act.apply(cFc, x))));
    }
}
