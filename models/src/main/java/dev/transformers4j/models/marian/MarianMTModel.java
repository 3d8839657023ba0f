package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.Seq2SeqLM;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.Checkpoint;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.io.WeightsFile;
import java.nio.file.Path;

/**
 * Marian for translation: {@code logits = h·Eᵀ + final_logits_bias}. As in §3.4 one matrix E
 * ({@code model.shared.weight}) is the source embedding, the target embedding and the pre-softmax linear
 * transformation (tied three ways, stored once). The bias is a buffer in HF (never trained there); here it
 * is a parameter so that it loads and saves by name.
 */
public final class MarianMTModel extends Module implements PretrainedModel, Seq2SeqLM<MarianCrossAttentionCache> {

    final MarianModel model;
    final Parameter finalLogitsBias;
    private final MarianConfig config;

    public MarianMTModel(MarianConfig config) {
        this.config = config;
        model = child("model", new MarianModel(config));
        finalLogitsBias = parameter("final_logits_bias", 1, config.vocabSize());
    }

    /**
     * A new model with HF's initial weights ({@code MarianPreTrainedModel._init_weights}): every linear and the
     * shared embedding normal(0, {@code init_std}) with the {@code pad_token_id} row zero, biases and
     * {@code final_logits_bias} 0, LayerNorms 1 and 0; the sinusoidal table is fixed.
     */
    public static MarianMTModel initialized(MarianConfig config, long seed) {
        MarianMTModel m = new MarianMTModel(config);
        Init.initialize(m, m.namedParameters().keySet(), config.initStd(), seed);
        Tensor shared = m.model.shared().weight().value();                                // [V, C]
        float[] w = shared.toArray();
        int c = config.dModel();
        java.util.Arrays.fill(w, config.padTokenId() * c, (config.padTokenId() + 1) * c, 0f);   // padding_idx row
        m.model.shared().weight().set("model.shared.weight", Tensor.of(w, shared.shape()));
        return m;
    }

    /** Loads {@code config.json} + {@code model.safetensors} (or {@code pytorch_model.bin}) from an HF folder. */
    public static MarianMTModel fromPretrained(Path dir) {
        MarianMTModel m = new MarianMTModel(MarianConfig.read(dir.resolve("config.json")));
        try (WeightsFile weights = Checkpoint.open(dir)) {
            Checkpoint.loadAll(m, weights, "model.");
        }
        return m;
    }

    /** Teacher forcing: logits {@code [B, T, V]} for decoder ids {@code [B, T]} given the source. */
    public Seq2SeqLMOutput forward(TokenBatch source, int[] decoderIds, ForwardOptions options) {
        ForwardCall call = enter(source, decoderIds, options);
        Seq2SeqLMOutput out = model.forward(source, decoderIds, options);
        return call.exit(out.withLogits(lmHead(out.decoderLastHiddenState())));
    }

    /** An encoder-decoder model needs target ids too; see {@link #forward(TokenBatch, int[], ForwardOptions)}. */
    @Override
    public ModelOutput forward(TokenBatch input, ForwardOptions options) {
        throw new UnsupportedOperationException("MarianMTModel is an encoder-decoder model: pass decoder ids too"
                + " (forward(source, decoderIds, options)), or generate from the source");
    }

    /**
     * The translation loss as HF computes it from {@code labels}: the decoder reads the labels shifted right
     * behind {@code decoder_start_token_id} (-100 read as padding) and each position is scored against its
     * label (mean cross-entropy, -100 skipped).
     *
     * @param labels {@code [B, T]} target ids, -100 where nothing is predicted
     */
    @Override
    public Tensor loss(TokenBatch source, int[] labels) {
        return loss(source, shiftTokensRight(labels, source.batch()), labels);
    }

    /**
     * The loss of HF's {@code model(input_ids, decoder_input_ids=..., labels=...)}: the decoder reads
     * {@code decoderIds} as given and each position is scored against its label (mean cross-entropy, -100
     * skipped).
     *
     * @param decoderIds {@code [B, T]}, usually {@code decoder_start_token_id} then the target
     * @param labels     {@code [B, T]} the token each position should predict, -100 where nothing is predicted
     */
    public Tensor loss(TokenBatch source, int[] decoderIds, int[] labels) {
        if (decoderIds.length != labels.length) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + decoderIds.length
                    + " decoder ids (one label per decoder position)");
        }
        Tensor logits = forward(source, decoderIds, ForwardOptions.DEFAULT).logits();    // [B, T, V]
        return Losses.crossEntropyLoss(logits, labels);                                   // over [B·T, V]
    }

    /** HF's {@code shift_tokens_right} with this model's pad and start ids ({@link Seq2SeqLM#shiftTokensRight}). */
    public int[] shiftTokensRight(int[] labels, int batch) {
        return Seq2SeqLM.shiftTokensRight(labels, batch, config.padTokenId(), config.decoderStartTokenId());
    }

    /** Runs the encoder once and projects its output for every decoder layer's cross-attention. */
    public MarianCrossAttentionCache encode(TokenBatch source) {
        Tensor h = model.encode(source, ForwardOptions.DEFAULT).lastHiddenState();        // [B, S, C]
        return model.crossAttentionCache(h, source);
    }

    /**
     * Encodes the source once, repeats each row {@code copies} times (one per beam or returned sequence), then
     * projects the repeated encoder output into the cross-attention cache.
     */
    @Override
    public MarianCrossAttentionCache encode(TokenBatch source, int copies) {
        Tensor h = model.encode(source, ForwardOptions.DEFAULT).lastHiddenState();        // [B, S, C]
        if (copies == 1) {
            return model.crossAttentionCache(h, source);
        }
        return model.crossAttentionCache(repeatRows(h, copies), source.repeatInterleave(copies)); // [B·n, S, C]
    }

    /** {@code [B, ...] → [B·n, ...]}, row b repeated n times in place. */
    private static Tensor repeatRows(Tensor x, int n) {
        float[] in = x.toArray();
        int b = x.size(0);
        int row = in.length / b;
        float[] out = new float[in.length * n];
        for (int r = 0; r < b * n; r++) {
            System.arraycopy(in, (r / n) * row, out, r * row, row);
        }
        int[] shape = x.shape().clone();
        shape[0] = b * n;
        return Tensor.of(out, shape);
    }


    /**
     * One decoding step: the logits {@code [B, V]} after the last of the new tokens {@code ids [B, T]}, which
     * follow the tokens in {@code cache} (extended by them).
     */
    @Override
    public Tensor nextTokenLogits(int[] ids, int t, MarianCrossAttentionCache encoder, KVCache cache) {
        int b = ids.length / t;
        Tensor h = model.decode(ids, b, t, encoder, cache);                                // [B, T, C]
        return lmHead(h.select(1, t - 1));                                                 // [B, V]
    }

    /** A decoder self-attention cache for up to {@code capacity} target positions. */
    @Override
    public KVCache newCache(int batch, int capacity) {
        return model.decoder().newCache(batch, capacity);
    }

    /** {@code [..., C] → [..., V]}: the shared embedding transposed, plus {@code final_logits_bias}. */
    private Tensor lmHead(Tensor h) {
        Tensor bias = finalLogitsBias.value().reshape(config.vocabSize());                 // [1, V] → [V]
        return h.linear(model.shared().weight().value(), bias);
    }

    @Override
    public int decoderStartTokenId() {
        return config.decoderStartTokenId();
    }

    @Override
    public int maxPositions() {
        return config.maxPositionEmbeddings();
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    public MarianConfig config() {
        return config;
    }

    public MarianModel model() {
        return model;
    }

    @Override
    public String architecture() {
        return "MarianMTModel";
    }

    @Override
    public Module module() {
        return this;
    }

    @Override
    public String baseModelPrefix() {
        return "model";
    }

    @Override
    public void savePretrained(Path dir) {
        ConfigJson.write(dir.resolve("config.json"), config.toJson());
        Checkpoint.save(this, dir.resolve("model.safetensors"));
    }
}
