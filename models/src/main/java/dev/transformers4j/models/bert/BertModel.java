package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerStack;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.AttentionMask;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;

/**
 * The BERT encoder (Devlin et al., 2019): the encoder half of the Transformer (§3.1), with learned
 * positions, segment embeddings and GELU. Parameter names are HF's: {@code embeddings.*},
 * {@code encoder.layer.{i}.*}, {@code pooler.dense.*}.
 */
public final class BertModel extends Module implements PretrainedModel {

    final BertConfig config;
    final BertEmbeddings embeddings;
    final BertEncoder encoder;
    final BertPooler pooler;

    /** A BERT with a pooler (as {@code BertModel(config)}). */
    public BertModel(BertConfig config) {
        this(config, true);
    }

    /** @param addPoolingLayer whether to build the pooler (HF's masked-LM head has none) */
    public BertModel(BertConfig config, boolean addPoolingLayer) {
        this.config = config;
        embeddings = child("embeddings", new BertEmbeddings(config));
        encoder = child("encoder", new BertEncoder(config));
        pooler = addPoolingLayer ? child("pooler", new BertPooler(config)) : null;
    }

    /** Loads {@code config.json} + {@code model.safetensors} (or {@code pytorch_model.bin}) from an HF folder. */
    public static BertModel fromPretrained(Path dir) {
        return (BertModel) BertPretrained.load(dir, "BertModel");
    }

    @Override
    public ModelOutput forward(TokenBatch in, ForwardOptions options) {
        ForwardCall call = enter(in, options);
        checkLength(in);
        Tensor mask = AttentionMask.padding(in.attentionMask(), in.batch(), in.length()); // [B, 1, 1, T]
        Tensor x = embeddings.forward(in);                                                 // [B, T, C]
        LayerStack.Output r = encoder.forward(x, mask, options);
        Tensor pooled = pooler == null ? null : pooler.forward(r.lastHiddenState());      // [B, C]
        return call.exit(new ModelOutput(r.lastHiddenState(), pooled, null, r.hiddenStates(), r.attentions(),
                r.hiddenStateNames("embeddings", this)));
    }

    /** The last hidden state only, {@code [B, T, C]}. */
    public Tensor forward(TokenBatch in) {
        return forward(in, ForwardOptions.DEFAULT).lastHiddenState();
    }

    private void checkLength(TokenBatch in) {
        if (in.length() > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("input of " + in.length() + " tokens is longer than max_position_embeddings = "
                    + config.maxPositionEmbeddings());
        }
    }

    public BertConfig config() {
        return config;
    }

    public BertEmbeddings embeddings() {
        return embeddings;
    }

    @Override
    public String architecture() {
        return "BertModel";
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
