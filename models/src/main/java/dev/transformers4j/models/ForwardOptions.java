package dev.transformers4j.models;

import dev.transformers4j.core.nn.LayerStack;

/** What a forward pass returns besides its main output ({@code output_hidden_states}, {@code output_attentions}). */
public record ForwardOptions(boolean outputHiddenStates, boolean outputAttentions) implements LayerStack.Options {

    public static final ForwardOptions DEFAULT = new ForwardOptions(false, false);
    public static final ForwardOptions ALL = new ForwardOptions(true, true);
}
