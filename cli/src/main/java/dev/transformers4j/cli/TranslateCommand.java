package dev.transformers4j.cli;

import dev.transformers4j.pipelines.TranslationPipeline;
import dev.transformers4j.pipelines.data.TextLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code t4j translate}: the translation pipeline. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate texts with an encoder-decoder model folder (MarianMTModel): one translation per line, in input order.",
                "Texts come from the arguments, else one per line from --file FILE, else one per line from standard input."})
final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "An HF folder: config.json, model.safetensors, tokenizer.json (and generation_config.json).")
    String model;

    @Mixin
    TranslationOptions options;

    @Option(names = "--file", paramLabel = "FILE", description = "Translate every line of FILE (UTF-8; empty lines are kept).")
    Path file;

    @Option(names = "--json", description = "Print {\"translations\":[\"...\",...]}, one per text in order.")
    boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to translate.")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> inputs = inputs();
        TranslationPipeline pipeline = TranslationPipeline.load(model);
        List<String> translations;
        try (Progress progress = new Progress("translate", inputs.size())) {
            translations = pipeline.translate(inputs, options.config(pipeline.defaults()), options.batchSize(),
                    options.policy(), progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(out)) {
                j.gen().writeArrayFieldStart("translations");
                for (String t : translations) {
                    j.gen().writeString(t);
                }
                j.gen().writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            translations.forEach(out::println);
        }
        return 0;
    }

    private List<String> inputs() {
        if (!texts.isEmpty() && file != null) {
            throw new IllegalArgumentException("give the texts either as arguments or with --file FILE, not both");
        }
        List<String> in = !texts.isEmpty() ? texts : file != null ? TextLines.read(file) : stdin();
        if (in.isEmpty()) {
            throw new IllegalArgumentException("no texts: give them as arguments, with --file FILE, or on standard"
                    + " input" + (file != null ? " (" + file + " is empty)" : ""));
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
