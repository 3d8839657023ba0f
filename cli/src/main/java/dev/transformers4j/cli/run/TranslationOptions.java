package dev.transformers4j.cli.run;

import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.GenerationConfigBuilder;
import dev.transformers4j.pipelines.TranslationPipeline;
import picocli.CommandLine.Option;

/** What {@code translate} and {@code evaluate --src/--ref} share: search settings and batch size. */
public final class TranslationOptions {

    @Option(names = "--num-beams", paramLabel = "N", description = "Beam search with N beams (default: generation_config.json).")
    public Integer numBeams;

    @Option(names = "--max-new-tokens", paramLabel = "N",
            description = "Most target tokens per translation, </s> included (default: generation_config.json's max_length).")
    public Integer maxNewTokens;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Texts translated together, grouped by length (default: " + TranslationPipeline.DEFAULT_BATCH_SIZE + ").")
    public Integer batchSize;

    /** Whether any of these options was given (for commands where they do not apply). */
    public boolean given() {
        return numBeams != null || maxNewTokens != null || batchSize != null;
    }

    /** The folder's generation defaults with {@code --num-beams} and {@code --max-new-tokens} applied. */
    public GenerationConfig config(GenerationConfig defaults) {
        GenerationConfigBuilder b = defaults.toBuilder();
        if (numBeams != null) {
            positive("--num-beams", numBeams);
            b.numBeams(numBeams);
        }
        if (maxNewTokens != null) {
            positive("--max-new-tokens", maxNewTokens);
            b.maxNewTokens(maxNewTokens);
        }
        return b.build();
    }

    public int batchSize() {
        if (batchSize == null) {
            return TranslationPipeline.DEFAULT_BATCH_SIZE;
        }
        positive("--batch-size", batchSize);
        return batchSize;
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1 but was " + value);
        }
    }
}
