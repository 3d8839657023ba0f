package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.cli.support.TextInputs;
import dev.transformers4j.cli.support.TruncationOption;
import dev.transformers4j.cli.support.WeightDTypeOption;
import dev.transformers4j.pipelines.FeatureExtractionPipeline;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code embed} and {@code similarity} share: the model, the texts, truncation, and the embedding run. */
public final class EmbeddingOptions {

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5, bge-small-zh-v1.5) or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    TruncationOption.CutByDefault truncation;

    @Mixin
    TextInputs inputs;

    @Mixin
    WeightDTypeOption weights;

    /** The texts, after reading them from arguments or --input. */
    List<String> texts;

    /** Reads the texts and embeds them (one L2-normalised row per text), with a progress bar on long inputs. */
    float[][] embed() {
        texts = inputs.read();
        Progress.loading(model);
        FeatureExtractionPipeline p = FeatureExtractionPipeline.load(model, weights.dtype);
        try (Progress progress = new Progress("embed", texts.size())) {
            return p.embed(texts, truncation.policy(), progress);
        }
    }
}
