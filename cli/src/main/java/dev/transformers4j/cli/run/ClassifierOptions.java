package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import picocli.CommandLine.Option;

/** What {@code classify} and {@code evaluate} share: the longest text, and loading the classifier. */
public final class ClassifierOptions {

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "N",
            description = "Tokens kept per text, special tokens included (default: 512, or the model's max_position_embeddings if less).")
    public int maxLength;

    /** The classifier of {@code model} (a folder with a sequence-classification head). */
    public TextClassificationPipeline load(String model) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("--max-length must be >= 1 but was " + maxLength);
        }
        Progress.loading(model);
        return TextClassificationPipeline.load(model, maxLength);
    }
}
