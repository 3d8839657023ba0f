package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.Json;
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
public final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print {\"model\":...,\"dim\":...,\"embeddings\":[[...],...]}.")
    boolean json;

    @Mixin
    EmbeddingOptions embedding;

    @Override
    public Integer call() {
        float[][] e = embedding.embed();
        List<String> texts = embedding.texts;
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.field("model", embedding.model).field("dim", e[0].length).floatRows("embeddings", e);
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
