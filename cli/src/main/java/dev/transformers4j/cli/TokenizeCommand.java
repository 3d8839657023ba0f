package dev.transformers4j.cli;

import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j tokenize}: the tokens, ids, type ids and offsets of a text. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenize texts with a model's tokenizer.json (special tokens included).")
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model, an HF folder, or a tokenizer.json file. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--json", description = "Print {\"ids\":[...],\"tokens\":[...],\"type_ids\":[...],\"offsets\":[[s,e],...]} per text.")
    boolean json;

    @Mixin
    TextInputs inputs;

    @Override
    public Integer call() {
        List<String> texts = inputs.read();
        Path file = Path.of(model);
        if (!(Files.isRegularFile(file) && model.endsWith(".json"))) {
            file = ModelResolver.resolve(model).resolve("tokenizer.json");
        }
        Tokenizer tokenizer = Tokenizer.fromFile(file).withPadding(null);
        var out = spec.commandLine().getOut();
        for (String text : texts) {
            Encoding e = tokenizer.encode(text);
            if (json) {
                print(out, e);
            } else {
                out.println(text);
                for (int i = 0; i < e.ids().length; i++) {
                    out.printf("  %6d  %-16s type %d  [%d, %d)%n", e.ids()[i], e.tokens()[i], e.typeIds()[i],
                            e.offsets()[i][0], e.offsets()[i][1]);
                }
            }
        }
        return 0;
    }

    private static void print(java.io.PrintWriter out, Encoding e) {
        try (Json j = new Json(out)) {
            var g = j.gen();
            j.ints("ids", e.ids());
            g.writeArrayFieldStart("tokens");
            for (String t : e.tokens()) {
                g.writeString(t);
            }
            g.writeEndArray();
            j.ints("type_ids", e.typeIds());
            g.writeArrayFieldStart("offsets");
            for (int[] o : e.offsets()) {
                g.writeArray(o, 0, 2);
            }
            g.writeEndArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
