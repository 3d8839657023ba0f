/**
 * Logits processors and warpers, HF's {@code LogitsProcessor} classes one for one. Each changes next-token scores
 * {@code [rows, V]} in place given each row's tokens so far; {@link
 * dev.transformers4j.generation.logits.LogitsProcessorList#forConfig} builds them in HF's
 * {@code _get_logits_processor} order. In beam search they act on log-softmax scores without renormalisation.
 */
package dev.transformers4j.generation.logits;
