package dev.transformers4j.models.bert;

import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;

/** BERT with a classifier on the pooled {@code [CLS]} state: {@code logits = classifier(pooler_output)}. */
public final class BertForSequenceClassification extends Module implements PretrainedModel {

    final BertModel bert;
    final Linear classifier;
    private final BertConfig config;

    public BertForSequenceClassification(BertConfig config) {
        this.config = config;
        bert = child("bert", new BertModel(config, true));
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
        return base.withLogits(classifier.forward(base.poolerOutput()));
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
