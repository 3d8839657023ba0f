package dev.transformers4j.train;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.PretrainedModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Causal language modelling (a GPT): the loss is the model's next-token cross-entropy (labels {@code [B, T]},
 * usually the ids, shifted inside the model); evaluation reports {@code loss} as the mean over every
 * predicted token of the set (nats per token) and {@code perplexity = exp(loss)}.
 */
public final class CausalLanguageModelingTask implements TrainingTask<Batch> {

    private final PretrainedModel model;

    public CausalLanguageModelingTask(PretrainedModel model) {
        this.model = model;
    }

    @Override
    public Tensor loss(Batch batch) {
        return model.loss(batch.input(), batch.labels());
    }

    @Override
    public EvalResult evaluate(Iterable<Batch> batches) {
        double lossSum = 0;
        long predicted = 0;
        for (Batch b : batches) {
            long n = predictedTokens(b);
            if (n > 0) {
                lossSum += model.loss(b.input(), b.labels()).item() * (double) n;   // mean × count = sum
                predicted += n;
            }
        }
        if (predicted == 0) {
            throw new IllegalArgumentException("evaluation set has no token to predict (every label is "
                    + Losses.IGNORE_INDEX + " or every sequence has one token)");
        }
        double loss = lossSum / predicted;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("perplexity", Math.exp(loss));
        return new EvalResult(m);
    }

    /** Labels of positions 1..T−1 that are not ignored: the tokens the loss averages over. */
    static long predictedTokens(Batch b) {
        int t = b.input().length();
        long n = 0;
        for (int i = 0; i < b.labels().length; i++) {
            n += i % t != 0 && b.labels()[i] != Losses.IGNORE_INDEX ? 1 : 0;
        }
        return n;
    }
}
