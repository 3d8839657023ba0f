/**
 * Training a BPE tokenizer as HF tokenizers does, and saving it as {@code tokenizer.json}.
 *
 * <p>{@link dev.transformers4j.tokenizers.train.WordCounter} cuts the corpus into words with the tokenizer's
 * normalizer and pre-tokenizer and counts them; {@link dev.transformers4j.tokenizers.train.BpeTrainer} learns
 * the vocabulary and merges from those counts (HF's {@code BpeTrainer}, with its incremental pair counts);
 * {@link dev.transformers4j.tokenizers.train.TokenizerTrainer} puts both in a named pipeline
 * ({@link dev.transformers4j.tokenizers.train.TokenizerRecipe}: byte-level or whitespace), adds the special
 * tokens and a post-processor, and writes the standard {@code tokenizer.json}.
 */
package dev.transformers4j.tokenizers.train;
