package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Module;
import java.nio.file.Path;

/**
 * A model with Hugging Face's file layout: built from {@code config.json}, weights from
 * {@code model.safetensors} (or, when a folder has none, {@code pytorch_model.bin}, read without running its
 * pickle) under HF's parameter names, and saved as model.safetensors.
 */
public interface PretrainedModel {

    /** The class name HF uses for this model ({@code "BertForMaskedLM"}), written to {@code architectures}. */
    String architecture();

    /** The model as a module tree (parameters with their HF names). */
    Module module();

    /**
     * The name of the base model inside a task model ({@code "bert"}, {@code "transformer"}, {@code "model"}), as
     * HF's {@code base_model_prefix}; {@code ""} for a base model itself.
     */
    default String baseModelPrefix() {
        return "";
    }

    /** Runs the model on a padded batch. */
    ModelOutput forward(TokenBatch input, ForwardOptions options);

    /**
     * The training loss of a labelled batch, a scalar tensor to call {@code backward()} on, as HF computes it
     * when {@code labels} are passed: the mean cross-entropy over the labels that are not -100. The labels'
     * layout depends on the head: one class per sequence ({@code [B]}) for sequence classification, one token
     * per position ({@code [B, T]}, row-major) for language models.
     *
     * @throws UnsupportedOperationException for a model without a head that has a loss
     */
    default Tensor loss(TokenBatch input, int[] labels) {
        throw new UnsupportedOperationException(architecture() + " has no head to compute a loss with");
    }

    /** Writes {@code config.json} and {@code model.safetensors} into {@code dir}. */
    void savePretrained(Path dir);
}
