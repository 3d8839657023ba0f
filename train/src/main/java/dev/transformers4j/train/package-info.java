/**
 * Training: the {@link dev.transformers4j.train.Trainer} loop over a {@link dev.transformers4j.train.Dataset}
 * for a {@link dev.transformers4j.train.TrainingTask}, with gradient accumulation, clipping, evaluation,
 * early stopping, atomic checkpoints that resume bit for bit, and loss curves (CSV, SVG, PNG). Batches hold
 * {@code batch_size} examples, or at most {@code max_tokens} padded tokens (length-bucketed, as fairseq's
 * {@code --max-tokens}). Tasks: {@link dev.transformers4j.train.SequenceClassificationTask},
 * {@link dev.transformers4j.train.CausalLanguageModelingTask} and
 * {@link dev.transformers4j.train.Seq2SeqTranslationTask} (label-smoothed, §5.4).
 *
 * <pre>{@code
 * TrainingArguments args = TrainingArguments.builder(outDir).learningRate(5e-4).batchSize(32)
 *         .maxSteps(2000).warmupSteps(100).evalSteps(200).saveSteps(200).saveTotalLimit(2).build();
 * Trainer<Batch> trainer = new Trainer<>(model, new CausalLanguageModelingTask(model), train, eval, args);
 * Path last = Trainer.latestCheckpoint(outDir);
 * TrainResult r = last == null ? trainer.train() : trainer.resume(last);
 * }</pre>
 *
 * <p>Optimizers, schedules and clipping are in {@link dev.transformers4j.train.optim}; the loss curves are drawn
 * with the figures module's {@link dev.transformers4j.figures.LineChart}.
 */
package dev.transformers4j.train;
