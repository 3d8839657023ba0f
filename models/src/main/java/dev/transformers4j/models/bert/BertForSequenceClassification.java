package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;
import java.util.Map;

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

    /**
     * A new classifier on a pretrained encoder, for fine-tuning (as HF's
     * {@code BertForSequenceClassification.from_pretrained(encoder, id2label=...)}): the encoder weights come from
     * {@code encoderDir}'s {@code model.safetensors} (a {@code BertModel} checkpoint, its names with or without the
     * {@code bert.} prefix); the classifier, and the pooler when the checkpoint has none, get HF's initialisation
     * (normal(0, initializer_range), zero biases). A head stored in the checkpoint is ignored.
     *
     * @param id2label the class names by id 0..L−1, written to the config
     * @throws dev.transformers4j.models.io.ModelFileException naming the file and the first missing encoder tensor
     */
    public static BertForSequenceClassification fromEncoder(Path encoderDir, Map<Integer, String> id2label) {
        return fromEncoder(encoderDir, id2label, 42);
    }

    /** {@link #fromEncoder(Path, Map)} with the new weights drawn from {@code seed}. */
    public static BertForSequenceClassification fromEncoder(Path encoderDir, Map<Integer, String> id2label, long seed) {
        return BertPretrained.withNewHead(encoderDir, id2label, seed);
    }

    /** Adds {@code logits [B, L]}. */
    @Override
    public ModelOutput forward(TokenBatch in, ForwardOptions options) {
        ForwardCall call = enter(in, options);
        ModelOutput base = bert.forward(in, options);
        return call.exit(base.withLogits(classifier.forward(dropout.forward(base.poolerOutput()))));     // [B, L]
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
    public String baseModelPrefix() {
        return "bert";
    }

    @Override
    public void savePretrained(Path dir) {
        BertPretrained.save(this, config, dir);
    }
}
