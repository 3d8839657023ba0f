package dev.transformers4j.cli.train;

import dev.transformers4j.cli.run.ClassifierOptions;
import dev.transformers4j.cli.run.TranslationOptions;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.cli.support.TruncationOption;
import dev.transformers4j.pipelines.ClassificationAccuracy;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import dev.transformers4j.pipelines.TranslationPipeline;
import dev.transformers4j.pipelines.data.ClassificationExample;
import dev.transformers4j.pipelines.data.ClassificationTsv;
import dev.transformers4j.pipelines.data.DataFileException;
import dev.transformers4j.pipelines.data.LabeledText;
import dev.transformers4j.pipelines.data.ParallelText;
import dev.transformers4j.train.metrics.Bleu;
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
 * {@code t4j evaluate}: a model's score on a held-out file. The task follows from the data options: {@code --input}
 * (a {@code text<TAB>label} TSV) is text classification, scored by accuracy; {@code --src}/{@code --ref}
 * (line-aligned sources and reference translations) is translation, scored by corpus BLEU as sacreBLEU computes it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a model on held-out data: accuracy (text classification) or corpus BLEU (translation).",
                "  text classification: accuracy on a text<TAB>label TSV (--input);",
                "  translation: corpus BLEU (sacreBLEU's defaults: 13a tokenizer, exp smoothing) of the translations of --src against --ref."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "An HF folder: for --input, with a"
            + " sequence-classification head (config.json with id2label, model.safetensors, tokenizer.json); for"
            + " --src/--ref, a translation model (MarianMTModel).")
    String model;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    TruncationOption.ByTask truncation;

    @Option(names = {"--input", "--data"}, paramLabel = "FILE.tsv",
            description = "Text classification: a UTF-8 TSV with the header text<TAB>label; labels are class numbers or names from id2label.")
    Path data;

    @Option(names = "--src", paramLabel = "FILE", description = "Translation: the source sentences, one per line (UTF-8).")
    Path src;

    @Option(names = "--ref", paramLabel = "FILE", description = "Translation: the reference translations, line-aligned with --src.")
    Path ref;

    @Mixin
    TranslationOptions translation;

    @Option(names = "--json", description = "Print {\"accuracy\":...,\"n\":...} (classification) or {\"bleu\":...,\"n\":...} (translation).")
    boolean json;

    @Override
    public Integer call() {
        boolean translating = src != null || ref != null;
        if (data != null && translating) {
            throw new IllegalArgumentException("give either --input FILE.tsv (text classification) or --src and --ref"
                    + " (translation), not both");
        }
        if (data != null) {
            if (translation.given()) {
                throw new IllegalArgumentException("--num-beams, --max-new-tokens and --batch-size apply to"
                        + " translation (--src/--ref), not to --input");
            }
            return classification();
        }
        if (translating) {
            if (src == null || ref == null) {
                throw new IllegalArgumentException("translation needs both --src FILE and --ref FILE (missing "
                        + (src == null ? "--src" : "--ref") + ")");
            }
            if (classifier.maxLength != 0) {
                throw new IllegalArgumentException("--max-length applies to --input; for translation, sources longer"
                        + " than max_position_embeddings are refused unless --truncation is given");
            }
            return translation();
        }
        throw new IllegalArgumentException("nothing to evaluate: give --input FILE.tsv (text classification) or"
                + " --src FILE --ref FILE (translation)");
    }

    private int classification() {
        List<LabeledText> rows = ClassificationTsv.read(data);     // a bad file fails before the model loads
        TextClassificationPipeline pipeline = classifier.load(model);
        List<ClassificationExample> examples = pipeline.labels().resolve(rows);
        ClassificationAccuracy result;
        try (Progress progress = new Progress("evaluate", examples.size())) {
            result = ClassificationAccuracy.evaluate(pipeline, examples, truncation.policy(true), progress);
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

    private int translation() {
        ParallelText pairs = readParallel();                         // bad files fail before the model loads
        Progress.loading(model);
        TranslationPipeline pipeline = TranslationPipeline.load(model);
        List<String> hypotheses;
        try (Progress progress = new Progress("evaluate", pairs.source().size())) {
            hypotheses = pipeline.translate(pairs.source(), translation.config(pipeline.defaults()),
                    translation.batchSize(), truncation.policy(false), progress);
        }
        Bleu bleu = Bleu.corpus(hypotheses, pairs.target());
        var out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.gen().writeNumberField("bleu", bleu.score());
                j.field("n", hypotheses.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.println(bleu.format());
        }
        return 0;
    }

    /** The sentence pairs; every reference line must have text (sacreBLEU refuses empty references). */
    private ParallelText readParallel() {
        ParallelText pairs = ParallelText.read(src, ref);
        if (pairs.source().isEmpty()) {
            throw new DataFileException(src, 0, "no sentences to translate");
        }
        for (int i = 0; i < pairs.target().size(); i++) {
            if (pairs.target().get(i).isEmpty()) {
                throw new DataFileException(ref, i + 1, "empty reference line: BLEU needs a reference for every"
                        + " sentence (sacreBLEU refuses empty references)");
            }
        }
        return pairs;
    }
}
