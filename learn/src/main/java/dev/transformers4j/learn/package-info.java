/**
 * Looking inside a model, on real text: what each attention head attends to ({@link AttentionMaps}), how the
 * hidden state grows and turns layer by layer ({@link HiddenStateStats}), what a decoder predicts next
 * ({@link NextToken}), and what it would predict if it stopped after each layer ({@link LogitLens}).
 *
 * <p>Everything here is computed from one ordinary forward pass with {@code output_attentions} and
 * {@code output_hidden_states} ({@link dev.transformers4j.models.ForwardOptions}): the explain path shares the
 * model code. Results are plain records, ready for Jackson. Pictures of them are drawn by
 * {@link dev.transformers4j.learn.render}.
 *
 * <p>Shapes: T tokens, C model width, H heads, L layers, V vocabulary. Layers and heads are numbered from 0, as
 * in HF's module names ({@code encoder.layer.0}, {@code h.0}).
 */
package dev.transformers4j.learn;
