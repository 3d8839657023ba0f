package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.cli.support.TruncationOption;
import dev.transformers4j.pipelines.TranslationPipeline;
import dev.transformers4j.pipelines.data.TextLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code t4j translate}: the translation pipeline, on texts or (as {@code generate} and {@code forward}) on ids. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate texts with an encoder-decoder model folder (MarianMTModel): one translation per line, in input order.",
                "Texts come from the arguments, else one per line from --input FILE, else one per line from standard input;"
                        + " --ids gives source token ids instead (for folders without a tokenizer)."})
public final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "An HF folder: config.json, model.safetensors, tokenizer.json (and generation_config.json).")
    String model;

    @Mixin
    TranslationOptions options;

    @Mixin
    TruncationOption.RefuseByDefault truncation;

    @Option(names = {"--input", "--file"}, paramLabel = "FILE",
            description = "Translate every line of FILE (UTF-8; empty lines are kept; '-' = standard input).")
    String input;

    @Option(names = "--ids", paramLabel = "IDS",
            description = "A source as comma-separated token ids (</s> included); repeat for more sources.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"translations\":[\"...\",...]}, one per text in order; with --ids"
            + " also \"new_ids\":[[...],...] (translations null without a tokenizer).")
    boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to translate.")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() {
        if (!ids.isEmpty() && (!texts.isEmpty() || input != null)) {
            throw new IllegalArgumentException("give the sources either as texts or as --ids 1,2,3, not both");
        }
        List<String> inputs = ids.isEmpty() ? inputs() : List.of();
        Progress.loading(model);
        TranslationPipeline pipeline = TranslationPipeline.load(model);
        List<String> translations;
        List<int[]> newIds = null;
        try (Progress progress = new Progress("translate", ids.isEmpty() ? inputs.size() : ids.size())) {
            if (ids.isEmpty()) {
                translations = pipeline.translate(inputs, options.config(pipeline.defaults()), options.batchSize(),
                        truncation.policy(), progress);
            } else {
                newIds = pipeline.translateIds(IdLists.parseAll("--ids", ids), options.config(pipeline.defaults()),
                        options.batchSize(), progress);
                translations = newIds.stream().map(n -> pipeline.tokenizer() == null ? null
                        : pipeline.tokenizer().decode(n)).toList();
            }
        }
        print(spec.commandLine().getOut(), translations, newIds);
        return 0;
    }

    private void print(PrintWriter out, List<String> translations, List<int[]> newIds) {
        if (!json) {
            for (int i = 0; i < translations.size(); i++) {
                out.println(translations.get(i) != null ? translations.get(i) : Arrays.toString(newIds.get(i)));
            }
            return;
        }
        try (Json j = new Json(out)) {
            j.gen().writeArrayFieldStart("translations");
            for (String t : translations) {
                j.gen().writeString(t);
            }
            j.gen().writeEndArray();
            if (newIds != null) {
                j.gen().writeArrayFieldStart("new_ids");
                for (int[] n : newIds) {
                    j.gen().writeArray(n, 0, n.length);
                }
                j.gen().writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> inputs() {
        if (!texts.isEmpty() && input != null) {
            throw new IllegalArgumentException("give the texts either as arguments or with --input FILE, not both");
        }
        boolean stdin = texts.isEmpty() && (input == null || input.equals("-"));
        List<String> in = !texts.isEmpty() ? texts : stdin ? stdin() : TextLines.read(Path.of(input));
        if (in.isEmpty()) {
            throw new IllegalArgumentException("no texts: give them as arguments, with --input FILE, or on standard"
                    + " input" + (input != null && !stdin ? " (" + input + " is empty)" : ""));
        }
        return in;
    }

    private static List<String> stdin() {
        try {
            return TextLines.split(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("standard input: " + e.getMessage(), e);
        }
    }
}
