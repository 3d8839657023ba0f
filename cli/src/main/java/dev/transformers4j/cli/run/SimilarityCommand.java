package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.Json;
import dev.transformers4j.pipelines.SentenceSimilarityPipeline;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j similarity}: the cosine-similarity matrix of sentence embeddings. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Print the cosine-similarity matrix of the texts' sentence embeddings.")
public final class SimilarityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print {\"model\":...,\"texts\":[...],\"similarity\":[[...],...]}.")
    boolean json;

    @Mixin
    EmbeddingOptions embedding;

    @Override
    public Integer call() {
        float[][] m = SentenceSimilarityPipeline.matrix(embedding.embed());
        List<String> texts = embedding.texts;
        String model = embedding.model;
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.field("model", model);
                try {
                    j.gen().writeArrayFieldStart("texts");
                    for (String t : texts) {
                        j.gen().writeString(t);
                    }
                    j.gen().writeEndArray();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                j.floatRows("similarity", m);
            }
            return 0;
        }
        out.println("cosine similarity (" + model + ")");
        StringBuilder header = new StringBuilder("      ");
        for (int j = 0; j < m.length; j++) {
            header.append(String.format(Locale.ROOT, "%7s", "[" + (j + 1) + "]"));
        }
        out.println(header);
        for (int i = 0; i < m.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5s ", "[" + (i + 1) + "]"));
            for (int j = 0; j < m.length; j++) {
                row.append(String.format(Locale.ROOT, "%7.3f", m[i][j]));
            }
            out.println(row + "  " + texts.get(i));
        }
        return 0;
    }
}
