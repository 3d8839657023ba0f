package dev.transformers4j.cli.run;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.cli.support.TextInputs;
import dev.transformers4j.cli.support.TruncationOption;
import dev.transformers4j.pipelines.TextClassificationPipeline.Prediction;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j classify}: the text-classification pipeline. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify texts with a fine-tuned model: the most likely label (from config.json's id2label) and its probability.")
public final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A fine-tuned HF folder with a"
            + " sequence-classification head: config.json (with id2label), model.safetensors, tokenizer.json.")
    String model;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    TruncationOption.CutByDefault truncation;

    @Option(names = "--json", description = "Print {\"predictions\":[{\"label\":...,\"score\":...},...]}, one per text in order.")
    boolean json;

    @Option(names = "--all-scores", description = "Also print every label's probability ({\"scores\":{label: p,...}} with --json).")
    boolean allScores;

    @Mixin
    TextInputs inputs;

    @Override
    public Integer call() {
        List<String> texts = inputs.read();
        TextClassificationPipeline pipeline = classifier.load(model);
        List<Prediction> predictions;
        try (Progress progress = new Progress("classify", texts.size())) {
            predictions = pipeline.classify(texts, truncation.policy(), progress);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                writePredictions(j.gen(), pipeline, predictions);
            }
            return 0;
        }
        for (int i = 0; i < texts.size(); i++) {
            Prediction p = predictions.get(i);
            out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", p.label(), p.score(), texts.get(i));
            if (allScores) {
                for (int k = 0; k < p.scores().length; k++) {
                    out.printf(Locale.ROOT, "  %s\t%.4f%n", pipeline.labels().name(k), p.scores()[k]);
                }
            }
        }
        return 0;
    }

    private void writePredictions(JsonGenerator g, TextClassificationPipeline pipeline, List<Prediction> predictions) {
        try {
            g.writeArrayFieldStart("predictions");
            for (Prediction p : predictions) {
                g.writeStartObject();
                g.writeStringField("label", p.label());
                g.writeNumberField("score", p.score());
                if (allScores) {
                    g.writeObjectFieldStart("scores");
                    for (int k = 0; k < p.scores().length; k++) {
                        g.writeNumberField(pipeline.labels().name(k), p.scores()[k]);
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
