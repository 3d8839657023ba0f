/**
 * Commands that train and evaluate: {@code train causal-lm | text-classification | translation | tokenizer},
 * {@code evaluate}, {@code average-checkpoints}, and the options every training command shares (output folder,
 * seed, checkpoints, {@code --resume}, {@code --overwrite}). The datasets, the Trainer and the model initialisation
 * they call are library API ({@code pipelines.data}, {@code train}, {@code models}).
 */
package dev.transformers4j.cli.train;
