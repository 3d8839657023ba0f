package dev.transformers4j.cli;

import dev.transformers4j.pipelines.FeatureExtractionPipeline;
import dev.transformers4j.pipelines.TruncationPolicy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j embed}: sentence embeddings (feature-extraction pipeline). */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Print one L2-normalised sentence embedding per text.")
final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5, bge-small-zh-v1.5) or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--json", description = "Print {\"model\":...,\"dim\":...,\"embeddings\":[[...],...]}.")
    boolean json;

    @Option(names = "--no-truncation", description = "Refuse texts longer than the model takes instead of cutting them.")
    boolean noTruncation;

    @Mixin
    TextInputs inputs;

    @Override
    public Integer call() {
        List<String> texts = inputs.read();
        FeatureExtractionPipeline p = FeatureExtractionPipeline.load(model);
        float[][] e;
        try (Progress progress = new Progress("embed", texts.size())) {
            e = p.embed(texts, noTruncation ? TruncationPolicy.ERROR : TruncationPolicy.TRUNCATE, progress);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.field("model", model).field("dim", e[0].length).floatRows("embeddings", e);
            }
            return 0;
        }
        for (int i = 0; i < e.length; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < Math.min(8, e[i].length); k++) {
                s.append(String.format(Locale.ROOT, "%s%.4f", k == 0 ? "" : " ", e[i][k]));
            }
            out.printf(Locale.ROOT, "%d\t[%s ... ] (%d dims)\t%s%n", i + 1, s, e[i].length, texts.get(i));
        }
        return 0;
    }
}
