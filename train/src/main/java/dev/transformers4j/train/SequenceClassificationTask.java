package dev.transformers4j.train;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequence classification (BERT sentiment): the loss is the model's cross-entropy of one label per sequence;
 * evaluation reports {@code loss} (mean over examples), {@code accuracy} and macro {@code f1} of the arg-max
 * predictions.
 */
public final class SequenceClassificationTask implements TrainingTask<Batch> {

    private final PretrainedModel model;

    public SequenceClassificationTask(PretrainedModel model) {
        this.model = model;
    }

    @Override
    public Tensor loss(Batch batch) {
        return model.loss(batch.input(), batch.labels());
    }

    @Override
    public EvalResult evaluate(Iterable<Batch> batches) {
        double lossSum = 0;
        List<int[]> predicted = new ArrayList<>();
        List<int[]> gold = new ArrayList<>();
        for (Batch b : batches) {
            Tensor logits = model.forward(b.input(), ForwardOptions.DEFAULT).logits();       // [B, L]
            lossSum += Losses.crossEntropy(logits, b.labels()) * (double) b.labels().length;
            predicted.add(argmaxRows(logits));
            gold.add(b.labels());
        }
        return metrics(lossSum, flatten(predicted), flatten(gold));
    }

    private static EvalResult metrics(double lossSum, int[] predicted, int[] gold) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", lossSum / gold.length);
        m.put("accuracy", ClassificationMetrics.accuracy(predicted, gold));
        m.put("f1", ClassificationMetrics.macroF1(predicted, gold));
        return new EvalResult(m);
    }

    /** The index of the largest logit of each row of {@code [B, L]}. */
    static int[] argmaxRows(Tensor logits) {
        int classes = logits.size(-1);
        float[] x = logits.toArray();
        int[] out = new int[x.length / classes];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (x[r * classes + j] > x[r * classes + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    private static int[] flatten(List<int[]> parts) {
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
