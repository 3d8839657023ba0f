package dev.transformers4j.models.gpt2;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.Checkpoint;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.io.WeightsFile;
import java.nio.file.Path;
import java.util.List;

/**
 * GPT-2 with its language-model head: {@code logits = h·Eᵀ}, the output projection tied to the token
 * embedding {@code wte} (so {@code lm_head.weight} is not stored), as in §3.4 of the paper.
 */
public final class GPT2LMHeadModel extends Module implements PretrainedModel, CausalLM {

    final GPT2Model transformer;
    private final GPT2Config config;

    public GPT2LMHeadModel(GPT2Config config) {
        this.config = config;
        transformer = child("transformer", new GPT2Model(config));
    }

    /**
     * A new model with HF's initial weights ({@code GPT2PreTrainedModel._init_weights}): every weight
     * normal(0, {@code initializer_range}), biases 0, LayerNorms 1 and 0, and the projections back into the
     * residual stream ({@code c_proj.weight}) normal(0, initializer_range/√(2·n_layer)), GPT-2 paper §2.3 ("we
     * scale the weights of residual layers at initialization by a factor of 1/√N", two residual layers per block).
     */
    public static GPT2LMHeadModel initialized(GPT2Config config, long seed) {
        GPT2LMHeadModel model = new GPT2LMHeadModel(config);
        Init.initialize(model, model.namedParameters().keySet(), config.initializerRange(), seed);
        List<String> residual = model.namedParameters().keySet().stream().filter(n -> n.endsWith("c_proj.weight"))
                .toList();
        Init.initialize(model, residual, config.initializerRange() / Math.sqrt(2.0 * config.nLayer()), seed + 1);
        return model;
    }

    /** Loads {@code config.json} + {@code model.safetensors} (or {@code pytorch_model.bin}) from an HF folder. */
    public static GPT2LMHeadModel fromPretrained(Path dir) {
        GPT2Config config = GPT2Config.read(dir.resolve("config.json"));
        GPT2LMHeadModel model = new GPT2LMHeadModel(config);
        try (WeightsFile weights = Checkpoint.open(dir)) {
            Checkpoint.loadAll(model, weights, "transformer.");
        }
        return model;
    }

    /** A plain forward pass on a right-padded batch (positions 0..T−1): logits {@code [B, T, V]}. */
    @Override
    public ModelOutput forward(TokenBatch input, ForwardOptions options) {
        return forward(DecoderInput.of(input), null, options);
    }

    /** Logits {@code [B, T, V]} for the new tokens of {@code in}, using and extending {@code cache}. */
    public ModelOutput forward(DecoderInput in, KVCache cache, ForwardOptions options) {
        ForwardCall call = enter(in, cache, options);
        ModelOutput out = transformer.forward(in, cache, options);
        return call.exit(out.withLogits(out.lastHiddenState().linear(transformer.wte().weight().value(), null)));
    }

    /**
     * The language-modelling loss: position t predicts token t + 1, so the logits of positions 0..T−2 are
     * scored against the labels of positions 1..T−1 (mean cross-entropy, labels -100 skipped), as HF shifts them.
     *
     * @param labels {@code [B, T]}, usually the ids with -100 at padded positions
     */
    @Override
    public Tensor loss(TokenBatch in, int[] labels) {
        int b = in.batch();
        int t = in.length();
        if (labels.length != b * t) {
            throw new IllegalArgumentException("causal LM needs one label per token: " + b * t + " tokens but "
                    + labels.length + " labels");
        }
        Tensor logits = forward(in, ForwardOptions.DEFAULT).logits();                        // [B, T, V]
        int[] next = new int[b * (t - 1)];                                                    // [B, T − 1]
        for (int i = 0; i < b; i++) {
            System.arraycopy(labels, i * t + 1, next, i * (t - 1), t - 1);
        }
        return Losses.crossEntropyLoss(logits.slice(1, 0, t - 1), next);                     // logits[:, :-1]
    }

    /** The logits of the last position only, {@code [B, V]}: one decoding step. */
    @Override
    public Tensor nextTokenLogits(DecoderInput in, KVCache cache) {
        Tensor h = transformer.forward(in, cache, ForwardOptions.DEFAULT).lastHiddenState();   // [B, T, C]
        Tensor last = h.select(1, h.size(1) - 1);                                              // [B, C]
        return last.linear(transformer.wte().weight().value(), null);                          // [B, V]
    }

    @Override
    public int maxPositions() {
        return config.nPositions();
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public KVCache newCache(int batch, int capacity) {
        return transformer.newCache(batch, capacity);
    }

    public GPT2Config config() {
        return config;
    }

    /** The decoder stack under the head ({@code transformer}: wte, wpe, h, ln_f). */
    public GPT2Model transformer() {
        return transformer;
    }

    @Override
    public String architecture() {
        return "GPT2LMHeadModel";
    }

    @Override
    public Module module() {
        return this;
    }

    @Override
    public String baseModelPrefix() {
        return "transformer";
    }

    @Override
    public void savePretrained(Path dir) {
        ConfigJson.write(dir.resolve("config.json"), config.toJson());
        Checkpoint.save(this, dir.resolve("model.safetensors"));
    }
}
