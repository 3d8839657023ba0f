package dev.transformers4j.models;

/** What a forward pass returns besides its main output ({@code output_hidden_states}, {@code output_attentions}). */
public record ForwardOptions(boolean outputHiddenStates, boolean outputAttentions) {

    public static final ForwardOptions DEFAULT = new ForwardOptions(false, false);
    public static final ForwardOptions ALL = new ForwardOptions(true, true);
}
