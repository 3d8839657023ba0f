package dev.transformers4j.models.gpt2;

import static dev.transformers4j.models.io.ConfigChecks.require;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import java.nio.file.Path;

/**
 * GPT-2's hyper-parameters, as HF's {@code GPT2Config}; {@link #fromJson}/{@link #toJson} are the one place
 * where the JSON names ({@code n_embd}, {@code n_layer}, ...) are mapped. Start from the preset {@link #small} and
 * change fields with {@link #toBuilder}: {@code GPT2Config.small().toBuilder().nLayer(2).build()}.
 *
 * @param nInner the feed-forward width F; HF's {@code n_inner = null} means 4·C (the builder does not derive it
 *               from {@code nEmbd}: set both)
 */
public record GPT2Config(
        int vocabSize,
        int nPositions,
        int nEmbd,
        int nLayer,
        int nHead,
        int nInner,
        Activation activation,
        double residPdrop,
        double embdPdrop,
        double attnPdrop,
        double layerNormEpsilon,
        double initializerRange,
        boolean scaleAttnWeights,
        boolean scaleAttnByInverseLayerIdx,
        int bosTokenId,
        int eosTokenId) {

    public GPT2Config {
        require(vocabSize > 0, "vocab_size", vocabSize, "> 0");
        require(nPositions > 0, "n_positions", nPositions, "> 0");
        require(nEmbd > 0, "n_embd", nEmbd, "> 0");
        require(nLayer >= 0, "n_layer", nLayer, ">= 0");
        require(nHead > 0 && nEmbd % nHead == 0, "n_head", nHead, "> 0 and a divisor of n_embd " + nEmbd);
        require(nInner > 0, "n_inner", nInner, "> 0");
        require(layerNormEpsilon > 0, "layer_norm_epsilon", layerNormEpsilon, "> 0");
        for (double p : new double[] {residPdrop, embdPdrop, attnPdrop}) {
            require(p >= 0 && p < 1, "resid_pdrop/embd_pdrop/attn_pdrop", p, "in [0, 1)");
        }
    }

    /** GPT-2 small (124M parameters): 12 layers, 768 wide, 12 heads, 1024 positions. */
    public static GPT2Config small() {
        return new GPT2Config(50257, 1024, 768, 12, 12, 3072, Activation.GELU_NEW, 0.1, 0.1, 0.1, 1e-5, 0.02,
                true, false, 50256, 50256);
    }

    /** A builder holding this config's fields, to change some of them. */
    public GPT2ConfigBuilder toBuilder() {
        return new GPT2ConfigBuilder(this);
    }

    /** The head size D = C / H. */
    public int headSize() {
        return nEmbd / nHead;
    }

    public static GPT2Config read(Path file) {
        return fromJson(ConfigJson.read(file));
    }

    public static GPT2Config fromJson(ConfigJson c) {
        String type = c.getString("model_type", "gpt2");
        if (!type.equals("gpt2")) {
            throw c.error("model_type", "expected \"gpt2\" but was \"" + type + "\"");
        }
        if (c.getBoolean("reorder_and_upcast_attn", false)) {
            throw c.error("reorder_and_upcast_attn", "true is not supported");
        }
        int embd = c.requireInt("n_embd");
        Integer inner = c.getIntOrNull("n_inner");
        Activation act;
        try {
            act = Activation.parse(c.getString("activation_function", "gelu_new"));
        } catch (IllegalArgumentException e) {
            throw c.error("activation_function", e.getMessage());
        }
        try {
            return new GPT2Config(c.requireInt("vocab_size"), c.getInt("n_positions", 1024), embd,
                    c.requireInt("n_layer"), c.requireInt("n_head"), inner == null ? 4 * embd : inner, act,
                    c.getDouble("resid_pdrop", 0.1), c.getDouble("embd_pdrop", 0.1), c.getDouble("attn_pdrop", 0.1),
                    c.getDouble("layer_norm_epsilon", 1e-5), c.getDouble("initializer_range", 0.02),
                    c.getBoolean("scale_attn_weights", true), c.getBoolean("scale_attn_by_inverse_layer_idx", false),
                    c.getInt("bos_token_id", 50256), c.getInt("eos_token_id", 50256));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(c.file(), e.getMessage());
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        ArrayNode arch = o.putArray("architectures");
        arch.add("GPT2LMHeadModel");
        o.put("model_type", "gpt2");
        o.put("vocab_size", vocabSize);
        o.put("n_positions", nPositions);
        o.put("n_embd", nEmbd);
        o.put("n_layer", nLayer);
        o.put("n_head", nHead);
        if (nInner == 4 * nEmbd) {
            o.putNull("n_inner");
        } else {
            o.put("n_inner", nInner);
        }
        o.put("activation_function", activation.configName());
        o.put("resid_pdrop", residPdrop);
        o.put("embd_pdrop", embdPdrop);
        o.put("attn_pdrop", attnPdrop);
        o.put("layer_norm_epsilon", layerNormEpsilon);
        o.put("initializer_range", initializerRange);
        o.put("scale_attn_weights", scaleAttnWeights);
        o.put("scale_attn_by_inverse_layer_idx", scaleAttnByInverseLayerIdx);
        o.put("bos_token_id", bosTokenId);
        o.put("eos_token_id", eosTokenId);
        o.put("tie_word_embeddings", true);
        o.put("torch_dtype", "float32");
        return o;
    }
}
