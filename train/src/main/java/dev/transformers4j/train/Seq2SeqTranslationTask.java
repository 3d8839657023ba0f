package dev.transformers4j.train;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.marian.MarianMTModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translation with an encoder-decoder model, trained by teacher forcing (§5): the loss is the label-smoothed
 * cross-entropy of §5.4 ({@link Losses#crossEntropyLoss(Tensor, int[], double)}, ε_ls = 0.1 in the paper) of the
 * decoder's logits against the target tokens, averaged over every target token of the batch (padding
 * skipped), as HF's {@code Seq2SeqTrainer} with {@code label_smoothing_factor}.
 *
 * <p>Evaluation reports, averaged over every target token of the set: {@code loss} (label-smoothed, comparable
 * with the training loss, as HF reports {@code eval_loss}), {@code nll_loss} (plain cross-entropy, as fairseq
 * reports it) and {@code perplexity = exp(nll_loss)}; then whatever the {@link EvalMetric}s added with
 * {@link #withMetric} compute (the place for BLEU of greedy translations).
 */
public final class Seq2SeqTranslationTask implements TrainingTask<Seq2SeqBatch> {

    private final MarianMTModel model;
    private final double labelSmoothing;
    private final List<EvalMetric<Seq2SeqBatch>> metrics = new ArrayList<>();

    /** @param labelSmoothing ε_ls in [0, 1) */
    public Seq2SeqTranslationTask(MarianMTModel model, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing: expected a value in [0, 1) but was " + labelSmoothing);
        }
        this.model = model;
        this.labelSmoothing = labelSmoothing;
    }

    /** Adds a metric computed at every evaluation after the losses (e.g. BLEU). */
    public Seq2SeqTranslationTask withMetric(EvalMetric<Seq2SeqBatch> metric) {
        metrics.add(metric);
        return this;
    }

    @Override
    public Tensor loss(Seq2SeqBatch batch) {
        return Losses.crossEntropyLoss(logits(batch), batch.labels(), labelSmoothing);
    }

    @Override
    public EvalResult evaluate(Iterable<Seq2SeqBatch> batches) {
        double smoothedSum = 0;
        double nllSum = 0;
        long tokens = 0;
        for (Seq2SeqBatch b : batches) {
            long n = b.targetTokens();
            if (n > 0) {
                Tensor logits = logits(b);                                                  // [B, T, V]
                smoothedSum += Losses.crossEntropyLoss(logits, b.labels(), labelSmoothing).item() * (double) n;
                nllSum += Losses.crossEntropy(logits, b.labels()) * (double) n;             // mean × count = sum
                tokens += n;
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("evaluation set has no target token to predict");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", smoothedSum / tokens);
        m.put("nll_loss", nllSum / tokens);
        m.put("perplexity", Math.exp(nllSum / tokens));
        for (EvalMetric<Seq2SeqBatch> metric : metrics) {
            m.putAll(metric.compute(batches));
        }
        return new EvalResult(m);
    }

    /** Source and target tokens (padding excluded), for the tokens/s of the progress bar. */
    @Override
    public long tokens(Seq2SeqBatch batch) {
        return batch.sourceTokens() + batch.targetTokens();
    }

    /** Teacher forcing: {@code [B, T, V]}. */
    private Tensor logits(Seq2SeqBatch b) {
        return model.forward(b.source(), b.decoderInputIds(), ForwardOptions.DEFAULT).logits();
    }
}
