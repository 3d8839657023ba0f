package dev.transformers4j.cli;

import dev.transformers4j.pipelines.ClassificationAccuracy;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import dev.transformers4j.pipelines.data.ClassificationExample;
import dev.transformers4j.pipelines.data.ClassificationTsv;
import dev.transformers4j.pipelines.data.LabeledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j evaluate}: a model's score on a held-out file. The task follows from the data options: {@code --data}
 * (a {@code text<TAB>label} TSV) is text classification, scored by accuracy. Another task adds its own data options
 * (translation: {@code --src}/{@code --ref}, BLEU) and a branch in {@link #call()}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model on a labelled file: accuracy of a text classifier on a text<TAB>label TSV (--data).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClassifierOptions classifier;

    @Option(names = "--data", paramLabel = "FILE.tsv",
            description = "Text classification: a UTF-8 TSV with the header text<TAB>label; labels are class numbers or names from id2label.")
    Path data;

    @Option(names = "--json", description = "Print {\"accuracy\":...,\"n\":...}.")
    boolean json;

    @Override
    public Integer call() {
        if (data != null) {
            return classification();
        }
        throw new IllegalArgumentException("nothing to evaluate: give --data FILE.tsv (text classification)");
    }

    private int classification() {
        List<LabeledText> rows = ClassificationTsv.read(data);     // a bad file fails before the model loads
        TextClassificationPipeline pipeline = classifier.load();
        List<ClassificationExample> examples = pipeline.labels().resolve(rows);
        ClassificationAccuracy result;
        try (Progress progress = new Progress("evaluate", examples.size())) {
            result = ClassificationAccuracy.evaluate(pipeline, examples, classifier.policy(), progress);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.gen().writeNumberField("accuracy", result.accuracy());
                j.field("n", result.total());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.printf(Locale.ROOT, "accuracy %.4f (%d of %d correct) on %s%n", result.accuracy(), result.correct(),
                    result.total(), data);
        }
        return 0;
    }
}
