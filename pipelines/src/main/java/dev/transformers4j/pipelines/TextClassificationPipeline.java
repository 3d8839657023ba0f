package dev.transformers4j.pipelines;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.pipelines.data.LabelSet;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text-classification} pipeline, as HF's: texts → tokens (cut to the model's limit) → padded
 * batches → logits {@code [B, L]} → softmax → the most likely class and its probability, named by the
 * config's {@code id2label}. A one-class head gets a sigmoid instead, as in HF.
 */
public final class TextClassificationPipeline {

    /** Texts run per forward pass. */
    public static final int BATCH_SIZE = 32;
    /** The longest input when neither the caller nor the model says less (BERT's 512). */
    public static final int DEFAULT_MAX_LENGTH = 512;

    /**
     * One text's result: the most likely class, its probability, and the probabilities of all classes by id.
     */
    public record Prediction(String label, float score, int labelId, float[] scores) {
    }

    private final String name;
    private final PretrainedModel model;
    private final LabelSet labels;
    private final TextBatcher batcher;

    /** A pipeline over a loaded model (e.g. one being fine-tuned); {@code labels} name its classes by id. */
    public TextClassificationPipeline(String name, PretrainedModel model, Tokenizer tokenizer, LabelSet labels,
                                      int maxLength) {
        this.name = name;
        this.model = model;
        this.labels = labels;
        this.batcher = new TextBatcher(tokenizer, maxLength, name);
    }

    /** Loads an HF folder with a sequence-classification head, its tokenizer, and at most 512 tokens per text. */
    public static TextClassificationPipeline load(String model) {
        return load(model, 0);
    }

    /**
     * Loads an HF folder (config.json with {@code id2label}, model.safetensors, tokenizer.json).
     *
     * @param maxLength tokens kept per text, special tokens included; 0 for {@value #DEFAULT_MAX_LENGTH} or the
     *                  model's {@code max_position_embeddings} if that is less
     */
    public static TextClassificationPipeline load(String model, int maxLength) {
        Path dir = ModelResolver.resolve(model);
        PretrainedModel m = AutoModel.fromPretrained(dir);
        if (!(m instanceof BertForSequenceClassification classifier)) {
            throw new IllegalArgumentException(dir + ": " + m.architecture() + " has no sequence-classification head"
                    + " (text classification needs e.g. BertForSequenceClassification; fine-tune one with"
                    + " 't4j train text-classification')");
        }
        BertConfig config = classifier.config();
        int positions = config.maxPositionEmbeddings();
        if (maxLength > positions) {
            throw new IllegalArgumentException("max length " + maxLength + " is more than the model's"
                    + " max_position_embeddings " + positions);
        }
        Tokenizer tokenizer = Tokenizer.fromFolder(dir);
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException(dir + ": the tokenizer has " + tokenizer.vocabSize() + " tokens but the"
                    + " model's vocab_size is " + config.vocabSize() + ": they do not belong together");
        }
        LabelSet labels = config.id2label().isEmpty() ? genericLabels(config.numLabels())
                : LabelSet.of(config.id2label());
        int length = maxLength > 0 ? maxLength : Math.min(DEFAULT_MAX_LENGTH, positions);
        return new TextClassificationPipeline(model, m, tokenizer, labels, length);
    }

    private static LabelSet genericLabels(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("LABEL_" + i);
        }
        return LabelSet.of(names);
    }

    /** The most likely class of each text, in input order. */
    public List<Prediction> classify(List<String> texts) {
        return classify(texts, TruncationPolicy.TRUNCATE, ProgressListener.NONE);
    }

    /** The most likely class of each text, in input order, in batches of {@value #BATCH_SIZE}. */
    public List<Prediction> classify(List<String> texts, TruncationPolicy policy, ProgressListener progress) {
        List<Encoding> encodings = batcher.encode(texts, policy);
        Prediction[] out = new Prediction[texts.size()];
        int done = 0;
        for (int[] group : TextBatcher.longestFirst(encodings, BATCH_SIZE)) {
            float[][] scores = scores(batcher.batch(encodings, group));
            for (int i = 0; i < group.length; i++) {
                out[group[i]] = prediction(scores[i]);
            }
            done += group.length;
            progress.progress(done, texts.size());
        }
        return List.of(out);
    }

    /**
     * The class probabilities of a padded batch, {@code [B, L]}: softmax of the logits (sigmoid for one class).
     * The model runs in the mode it is in (a loaded one is in evaluation mode) and records no gradients.
     */
    public float[][] scores(TokenBatch batch) {
        Tensor logits = Grad.noGrad(() -> model.forward(batch, ForwardOptions.DEFAULT).logits());   // [B, L]
        int l = logits.size(-1);
        if (l != labels.size()) {
            throw new IllegalStateException(name + ": the head has " + l + " outputs but " + labels.size() + " labels");
        }
        return ClassScores.probabilities(logits.toArray(), batch.batch(), l);
    }

    private Prediction prediction(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        return new Prediction(labels.name(best), scores[best], best, scores);
    }

    public String name() {
        return name;
    }

    public PretrainedModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return batcher.tokenizer();
    }

    /** The classes, by id (the config's {@code id2label}). */
    public LabelSet labels() {
        return labels;
    }

    /** The most tokens (special tokens included) one text may have. */
    public int maxLength() {
        return batcher.maxLength();
    }
}
