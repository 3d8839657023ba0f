/**
 * Training and evaluation data: text-classification files ({@link dev.transformers4j.pipelines.data.ClassificationTsv},
 * labels by {@link dev.transformers4j.pipelines.data.LabelSet}) and language-model corpora (a character-level
 * tokenizer, {@link dev.transformers4j.pipelines.data.TokenStream} with nanoGPT's 90/10 split), parallel text for
 * translation ({@link dev.transformers4j.pipelines.data.ParallelText}, two line-aligned files). A malformed file is
 * a {@link dev.transformers4j.pipelines.data.DataFileException} naming the file and line.
 *
 * <p>The same package turns them into the {@code train} module's datasets, one call per task:
 * {@link dev.transformers4j.pipelines.data.LmCorpus} (windows for causal-LM training,
 * {@link dev.transformers4j.pipelines.data.LmWindows}),
 * {@link dev.transformers4j.pipelines.data.ClassificationDataset} and
 * {@link dev.transformers4j.pipelines.data.TranslationCorpus} (a {@code TranslationDataset}). They live here, not
 * in {@code train}, because they need both sides: reading and tokenizing text (this package, the
 * {@code tokenizers} module) and train's {@code Dataset} and batches. {@code pipelines} depends on {@code train},
 * which stays free of tokenizers and files of text: it trains on ids, whoever made them.
 */
package dev.transformers4j.pipelines.data;
