package dev.transformers4j.models;

import dev.transformers4j.core.nn.Module;
import java.nio.file.Path;

/**
 * A model with Hugging Face's file layout: built from {@code config.json}, weights from
 * {@code model.safetensors} under HF's parameter names, and saved the same way.
 */
public interface PretrainedModel {

    /** The class name HF uses for this model ({@code "BertForMaskedLM"}), written to {@code architectures}. */
    String architecture();

    /** The model as a module tree (parameters with their HF names). */
    Module module();

    /** Runs the model on a padded batch. */
    ModelOutput forward(TokenBatch input, ForwardOptions options);

    /** Writes {@code config.json} and {@code model.safetensors} into {@code dir}. */
    void savePretrained(Path dir);
}
