package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;

/**
 * BERT with its masked-language-model head ({@code cls.predictions}): transform (dense + activation +
 * LayerNorm), then a decoder whose weight is the word-embedding matrix (tied, so not stored again) plus a
 * per-token bias.
 */
public final class BertForMaskedLM extends Module implements PretrainedModel {

    final BertModel bert;
    final Cls cls;

    public BertForMaskedLM(BertConfig config) {
        bert = child("bert", new BertModel(config, false));
        cls = child("cls", new Cls(config, bert.embeddings().wordEmbeddings().weight()));
    }

    /** Loads an HF folder. */
    public static BertForMaskedLM fromPretrained(Path dir) {
        return (BertForMaskedLM) BertPretrained.load(dir, "BertForMaskedLM");
    }

    /** Adds {@code logits [B, T, V]} to the encoder's output. */
    @Override
    public ModelOutput forward(TokenBatch in, ForwardOptions options) {
        ForwardCall call = enter(in, options);
        ModelOutput base = bert.forward(in, options);
        return call.exit(base.withLogits(cls.predictions.forward(base.lastHiddenState())));
    }

    /** Mean cross-entropy of the logits against per-token labels ({@code [B, T]}, -100 where not masked). */
    @Override
    public Tensor loss(TokenBatch in, int[] labels) {
        if (labels.length != in.batch() * in.length()) {
            throw new IllegalArgumentException("masked LM needs one label per token: " + in.batch() * in.length()
                    + " tokens but " + labels.length + " labels");
        }
        return Losses.crossEntropyLoss(forward(in, ForwardOptions.DEFAULT).logits(), labels);
    }

    @Override
    public String architecture() {
        return "BertForMaskedLM";
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
        BertPretrained.save(this, bert.config(), dir);
    }

    /** {@code cls}: holds the prediction head, as in HF. */
    static final class Cls extends Module {
        final Predictions predictions;

        Cls(BertConfig config, Parameter wordEmbeddings) {
            predictions = child("predictions", new Predictions(config, wordEmbeddings));
        }
    }

    /** {@code cls.predictions}: {@code logits = LayerNorm(act(dense(h)))·Eᵀ + bias}. */
    static final class Predictions extends Module {
        final Transform transform;
        final Parameter bias;
        private final Parameter decoderWeight;

        Predictions(BertConfig config, Parameter wordEmbeddings) {
            transform = child("transform", new Transform(config));
            bias = parameter("bias", config.vocabSize());
            decoderWeight = wordEmbeddings;                        // tied: [V, C]
        }

        Tensor forward(Tensor hidden) {
            ForwardCall call = enter(hidden);
            Tensor logits = transform.forward(hidden).linear(decoderWeight.value(), bias.value());   // [B, T, V]
            return call.exit(logits);
        }
    }

    /** {@code cls.predictions.transform}. */
    static final class Transform extends Module {
        final Linear dense;
        final LayerNorm layerNorm;
        private final Activation act;

        Transform(BertConfig config) {
            dense = child("dense", new Linear(config.hiddenSize(), config.hiddenSize()));
            layerNorm = child("LayerNorm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
            act = config.hiddenAct();
        }

        Tensor forward(Tensor x) {
            return enter(x).exit(layerNorm.forward(act.apply(dense, x)));
        }
    }
}
