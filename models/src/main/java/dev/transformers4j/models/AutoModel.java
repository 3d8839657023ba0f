package dev.transformers4j.models;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.bert.BertAuto;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.ConfigJson;
import java.nio.file.Path;

/**
 * Loads any supported model from an HF folder, choosing the class from {@code model_type} and
 * {@code architectures} in {@code config.json}, as HF's Auto classes do.
 */
public final class AutoModel {

    private AutoModel() {
    }

    /**
     * The architecture named in the folder's config.json, its linear weights (and a tied output embedding)
     * multiplied in {@code dtype}: int8 quantises them dynamically (symmetric, one scale per output channel), bf16
     * rounds them, float32 is the checkpoint as stored ({@link dev.transformers4j.core.nn.Module#weightDType}).
     */
    public static PretrainedModel fromPretrained(Path dir, WeightDType dtype) {
        PretrainedModel model = fromPretrained(dir);
        model.module().weightDType(dtype);
        return model;
    }

    /** The architecture named in the folder's config.json. */
    public static PretrainedModel fromPretrained(Path dir) {
        Path configFile = dir.resolve("config.json");
        ConfigJson c = ConfigJson.read(configFile);
        String type = c.getString("model_type", "");
        return switch (type) {
            case "bert" -> BertAuto.fromPretrained(dir);
            case "gpt2" -> GPT2LMHeadModel.fromPretrained(dir);
            case "marian" -> dev.transformers4j.models.marian.MarianMTModel.fromPretrained(dir);
            default -> throw c.error("model_type", "unsupported model type '" + type + "' (supported: bert, gpt2, marian)");
        };
    }
}
