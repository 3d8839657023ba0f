/**
 * Training and evaluation data: text-classification files ({@link dev.transformers4j.pipelines.data.ClassificationTsv},
 * labels by {@link dev.transformers4j.pipelines.data.LabelSet}) and language-model corpora (a character-level
 * tokenizer, {@link dev.transformers4j.pipelines.data.TokenStream} with nanoGPT's 90/10 split and random windows),
 * parallel text for translation ({@link dev.transformers4j.pipelines.data.ParallelText}, two line-aligned files).
 * A malformed file is a {@link dev.transformers4j.pipelines.data.DataFileException} naming the file and line.
 */
package dev.transformers4j.pipelines.data;
