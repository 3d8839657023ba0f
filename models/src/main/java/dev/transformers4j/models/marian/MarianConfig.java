package dev.transformers4j.models.marian;

import static dev.transformers4j.models.io.ConfigChecks.require;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import java.nio.file.Path;

/**
 * Marian's hyper-parameters, as HF's {@code MarianConfig}; {@link #fromJson}/{@link #toJson} are the one place
 * where the JSON names ({@code d_model}, {@code encoder_layers}, ...) are mapped. Start from the preset
 * {@link #base} (or {@link #small}) and change fields with {@link #toBuilder}.
 *
 * @param dropout           P_drop of §5.4: on the embedding sums and on every sub-layer output
 * @param attentionDropout  on the attention probabilities (0 in the paper)
 * @param activationDropout after the feed-forward activation (0 in the paper)
 * @param scaleEmbedding    whether embeddings are multiplied by √d_model (§3.4)
 * @param forcedEosTokenId  the token forced at the last generation step, or -1 for none
 */
public record MarianConfig(
        int vocabSize,
        int dModel,
        int encoderLayers,
        int decoderLayers,
        int encoderAttentionHeads,
        int decoderAttentionHeads,
        int encoderFfnDim,
        int decoderFfnDim,
        int maxPositionEmbeddings,
        Activation activation,
        double dropout,
        double attentionDropout,
        double activationDropout,
        boolean scaleEmbedding,
        double initStd,
        int padTokenId,
        int eosTokenId,
        int decoderStartTokenId,
        int forcedEosTokenId) {

    /** HF's Marian layers use {@code nn.LayerNorm}'s default epsilon; the config has no field for it. */
    public static final double LAYER_NORM_EPS = 1e-5;

    public MarianConfig {
        require(vocabSize > 0, "vocab_size", vocabSize, "> 0");
        require(dModel > 0 && dModel % 2 == 0, "d_model", dModel, "> 0 and even (sin and cos halves)");
        require(encoderLayers >= 0, "encoder_layers", encoderLayers, ">= 0");
        require(decoderLayers >= 0, "decoder_layers", decoderLayers, ">= 0");
        require(encoderAttentionHeads > 0 && dModel % encoderAttentionHeads == 0, "encoder_attention_heads",
                encoderAttentionHeads, "> 0 and a divisor of d_model " + dModel);
        require(decoderAttentionHeads > 0 && dModel % decoderAttentionHeads == 0, "decoder_attention_heads",
                decoderAttentionHeads, "> 0 and a divisor of d_model " + dModel);
        require(encoderFfnDim > 0, "encoder_ffn_dim", encoderFfnDim, "> 0");
        require(decoderFfnDim > 0, "decoder_ffn_dim", decoderFfnDim, "> 0");
        require(maxPositionEmbeddings > 0, "max_position_embeddings", maxPositionEmbeddings, "> 0");
        require(activation != null, "activation_function", activation, "a supported activation");
        for (double p : new double[] {dropout, attentionDropout, activationDropout}) {
            require(p >= 0 && p < 1, "dropout/attention_dropout/activation_dropout", p, "in [0, 1)");
        }
        require(padTokenId >= 0 && padTokenId < vocabSize, "pad_token_id", padTokenId, "in [0, vocab_size)");
        require(eosTokenId >= 0 && eosTokenId < vocabSize, "eos_token_id", eosTokenId, "in [0, vocab_size)");
        require(decoderStartTokenId >= 0 && decoderStartTokenId < vocabSize, "decoder_start_token_id",
                decoderStartTokenId, "in [0, vocab_size)");
        require(forcedEosTokenId >= -1 && forcedEosTokenId < vocabSize, "forced_eos_token_id", forcedEosTokenId,
                "-1 (none) or in [0, vocab_size)");
    }

    /**
     * The paper's base model (Table 3): N = 6 layers on each side, d_model = 512, d_ff = 2048, h = 8,
     * P_drop = 0.1, ReLU (§3.3), embeddings scaled by √d_model. Token ids follow opus-mt: EOS 0, the last
     * id is padding and also starts the decoder.
     */
    public static MarianConfig base(int vocabSize) {
        return new MarianConfig(vocabSize, 512, 6, 6, 8, 8, 2048, 2048, 512, Activation.RELU, 0.1, 0.0, 0.0,
                true, 0.02, vocabSize - 1, 0, vocabSize - 1, 0);
    }

    /**
     * A small model for training on a CPU (not from the paper): the base model's layout with N = 3 layers,
     * d_model = 256, d_ff = 1024, h = 4 (head size 64 as in the base model), P_drop = 0.1, ReLU; ids as
     * {@link #base}.
     */
    public static MarianConfig small(int vocabSize) {
        return base(vocabSize).toBuilder().dModel(256).encoderLayers(3).decoderLayers(3).encoderAttentionHeads(4)
                .decoderAttentionHeads(4).encoderFfnDim(1024).decoderFfnDim(1024).build();
    }

    /** A builder holding this config's fields, to change some of them. */
    public MarianConfigBuilder toBuilder() {
        return new MarianConfigBuilder(this);
    }

    /** The encoder's head size D = C / H. */
    public int encoderHeadSize() {
        return dModel / encoderAttentionHeads;
    }

    /** The decoder's head size D = C / H. */
    public int decoderHeadSize() {
        return dModel / decoderAttentionHeads;
    }

    public static MarianConfig read(Path file) {
        return fromJson(ConfigJson.read(file));
    }

    public static MarianConfig fromJson(ConfigJson c) {
        String type = c.getString("model_type", "marian");
        if (!type.equals("marian")) {
            throw c.error("model_type", "expected \"marian\" but was \"" + type + "\"");
        }
        int vocab = c.requireInt("vocab_size");
        if (!c.getBoolean("share_encoder_decoder_embeddings", true)) {
            throw c.error("share_encoder_decoder_embeddings", "false (separate source/target vocabularies) is not supported");
        }
        if (c.getInt("decoder_vocab_size", vocab) != vocab) {
            throw c.error("decoder_vocab_size", "must equal vocab_size " + vocab + " (one shared vocabulary)");
        }
        Activation act;
        try {
            act = Activation.parse(c.getString("activation_function", "gelu"));
        } catch (IllegalArgumentException e) {
            throw c.error("activation_function", e.getMessage());
        }
        int pad = c.getInt("pad_token_id", vocab - 1);
        Integer forced = c.getIntOrNull("forced_eos_token_id");
        try {
            return new MarianConfig(vocab, c.requireInt("d_model"), c.requireInt("encoder_layers"),
                    c.requireInt("decoder_layers"), c.requireInt("encoder_attention_heads"),
                    c.requireInt("decoder_attention_heads"), c.requireInt("encoder_ffn_dim"),
                    c.requireInt("decoder_ffn_dim"), c.getInt("max_position_embeddings", 1024), act,
                    c.getDouble("dropout", 0.1), c.getDouble("attention_dropout", 0.0),
                    c.getDouble("activation_dropout", 0.0), c.getBoolean("scale_embedding", false),
                    c.getDouble("init_std", 0.02), pad, c.getInt("eos_token_id", 0),
                    c.getInt("decoder_start_token_id", pad), forced == null ? -1 : forced);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), e.getMessage());
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.putArray("architectures").add("MarianMTModel");
        o.put("model_type", "marian");
        o.put("is_encoder_decoder", true);
        o.put("vocab_size", vocabSize);
        o.put("decoder_vocab_size", vocabSize);
        o.put("share_encoder_decoder_embeddings", true);
        o.put("d_model", dModel);
        o.put("encoder_layers", encoderLayers);
        o.put("decoder_layers", decoderLayers);
        o.put("num_hidden_layers", encoderLayers);
        o.put("encoder_attention_heads", encoderAttentionHeads);
        o.put("decoder_attention_heads", decoderAttentionHeads);
        o.put("encoder_ffn_dim", encoderFfnDim);
        o.put("decoder_ffn_dim", decoderFfnDim);
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("activation_function", activation.configName());
        o.put("dropout", dropout);
        o.put("attention_dropout", attentionDropout);
        o.put("activation_dropout", activationDropout);
        o.put("scale_embedding", scaleEmbedding);
        o.put("init_std", initStd);
        o.put("pad_token_id", padTokenId);
        o.put("eos_token_id", eosTokenId);
        o.put("decoder_start_token_id", decoderStartTokenId);
        if (forcedEosTokenId < 0) {
            o.putNull("forced_eos_token_id");
        } else {
            o.put("forced_eos_token_id", forcedEosTokenId);
        }
        o.put("tie_word_embeddings", true);
        o.put("torch_dtype", "float32");
        return o;
    }
}
