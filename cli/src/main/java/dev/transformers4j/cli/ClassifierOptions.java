package dev.transformers4j.cli;

import dev.transformers4j.pipelines.TextClassificationPipeline;
import dev.transformers4j.pipelines.TruncationPolicy;
import picocli.CommandLine.Option;

/** What {@code classify} and {@code evaluate} share: the classifier folder and how long texts are handled. */
final class ClassifierOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "An HF folder with a sequence-classification head (config.json with id2label, model.safetensors, tokenizer.json);"
                    + " for evaluate --src/--ref, a translation model.")
    String model;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "N",
            description = "Tokens kept per text, special tokens included (default: 512, or the model's max_position_embeddings if less).")
    int maxLength;

    @Option(names = "--no-truncation", description = "Refuse texts longer than --max-length instead of cutting them.")
    boolean noTruncation;

    TextClassificationPipeline load() {
        if (maxLength < 0) {
            throw new IllegalArgumentException("--max-length must be >= 1 but was " + maxLength);
        }
        return TextClassificationPipeline.load(model, maxLength);
    }

    TruncationPolicy policy() {
        return noTruncation ? TruncationPolicy.ERROR : TruncationPolicy.TRUNCATE;
    }
}
