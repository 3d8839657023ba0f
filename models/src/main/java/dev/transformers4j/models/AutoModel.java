package dev.transformers4j.models;

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
