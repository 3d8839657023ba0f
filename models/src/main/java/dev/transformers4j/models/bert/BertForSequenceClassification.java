package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;

/** BERT with a classifier on the pooled {@code [CLS]} state: {@code logits = classifier(dropout(pooler_output))}. */
public final class BertForSequenceClassification extends Module implements PretrainedModel {

    final BertModel bert;
    final Dropout dropout;
    final Linear classifier;
    private final BertConfig config;

    public BertForSequenceClassification(BertConfig config) {
        this.config = config;
        bert = child("bert", new BertModel(config, true));
        dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
        classifier = child("classifier", new Linear(config.hiddenSize(), config.numLabels()));
    }

    /** Loads an HF folder. */
    public static BertForSequenceClassification fromPretrained(Path dir) {
        return (BertForSequenceClassification) BertPretrained.load(dir, "BertForSequenceClassification");
    }

    /** Adds {@code logits [B, L]}. */
    @Override
    public ModelOutput forward(TokenBatch in, ForwardOptions options) {
        ModelOutput base = bert.forward(in, options);
        return base.withLogits(classifier.forward(dropout.forward(base.poolerOutput())));     // [B, L]
    }

    /** Mean cross-entropy of the logits against one class index per sequence ({@code labels [B]}). */
    @Override
    public Tensor loss(TokenBatch in, int[] labels) {
        if (labels.length != in.batch()) {
            throw new IllegalArgumentException("sequence classification needs one label per sequence: " + in.batch()
                    + " sequences but " + labels.length + " labels");
        }
        return Losses.crossEntropyLoss(forward(in, ForwardOptions.DEFAULT).logits(), labels);
    }

    public BertConfig config() {
        return config;
    }

    @Override
    public String architecture() {
        return "BertForSequenceClassification";
    }

    @Override
    public Module module() {
        return this;
    }

    @Override
    public void savePretrained(Path dir) {
        BertPretrained.save(this, config, dir);
    }
}
