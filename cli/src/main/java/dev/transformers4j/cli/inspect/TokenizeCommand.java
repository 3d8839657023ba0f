package dev.transformers4j.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.TextInputs;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.Truncation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j tokenize}: the tokens, ids, type ids and offsets of a text, as transformers' {@code tokenizer(text)}
 * gives them: every token, no padding, truncation only when asked for.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Tokenize texts as transformers' tokenizer(text) does: every token, special tokens included,"
                + " no padding.",
                "A text longer than the model takes is shown whole, with a warning; --truncation cuts it."})
public final class TokenizeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenizeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2", paramLabel = "M",
            description = "A built-in model, a folder with tokenizer.json (or GPT-2's vocab.json + merges.txt; no"
                    + " config.json needed), or a tokenizer.json file. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--truncation",
            description = "Cut each text to --max-length tokens, special tokens included (HF's truncation=True).")
    boolean truncation;

    @Option(names = "--max-length", paramLabel = "N", description = "The most tokens --truncation keeps (implies"
            + " --truncation). Default: the model's limit, model_max_length or max_position_embeddings.")
    Integer maxLength;

    @Option(names = "--json", description = "Print {\"ids\":[...],\"tokens\":[...],\"type_ids\":[...],\"offsets\":[[s,e],...]} per text.")
    boolean json;

    @Mixin
    TextInputs inputs;

    @Override
    public Integer call() {
        List<String> texts = inputs.read();
        Path source = source(model);
        int limit = modelMaxLength(Files.isDirectory(source) ? source : source.toAbsolutePath().getParent());
        Tokenizer tokenizer = Tokenizer.fromPretrained(source);
        if (truncation || maxLength != null) {
            tokenizer = tokenizer.withTruncation(Truncation.of(truncationLength(limit)));
        }
        var out = spec.commandLine().getOut();
        for (int t = 0; t < texts.size(); t++) {
            Encoding e = tokenizer.encode(texts.get(t));
            if (limit > 0 && e.ids().length > limit) {
                LOG.warn("text {} has {} tokens, more than the {} that {} takes; --truncation cuts it", t + 1,
                        e.ids().length, limit, model);
            }
            if (json) {
                print(out, e);
            } else {
                out.println(texts.get(t));
                for (int i = 0; i < e.ids().length; i++) {
                    out.printf("  %6d  %-16s type %d  [%d, %d)%n", e.ids()[i], e.tokens()[i], e.typeIds()[i],
                            e.offsets()[i][0], e.offsets()[i][1]);
                }
            }
        }
        return 0;
    }

    /** An existing folder or file as is (no config.json needed), else a built-in model's folder. */
    private static Path source(String model) {
        Path path = Path.of(model);
        return Files.exists(path) ? path : ModelResolver.resolve(model);
    }

    private int truncationLength(int limit) {
        if (maxLength != null) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("--max-length: expected 1 or more but was " + maxLength);
            }
            return maxLength;
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("--truncation: the model's limit is unknown (no model_max_length in"
                    + " tokenizer_config.json, no max_position_embeddings in config.json): give --max-length N");
        }
        return limit;
    }

    /**
     * The most tokens the model takes: HF's {@code model_max_length} (tokenizer_config.json), else config.json's
     * {@code max_position_embeddings} (GPT-2: {@code n_positions}); 0 when the folder says neither.
     */
    static int modelMaxLength(Path dir) {
        Path tokenizerConfig = dir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(tokenizerConfig)) {
            JsonNode m = ConfigJson.readObject(tokenizerConfig).path("model_max_length");
            if (m.canConvertToInt() && m.asInt() > 0) {               // HF writes 1e30 for "unknown"
                return m.asInt();
            }
        }
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return 0;
        }
        ConfigJson c = ConfigJson.read(config);
        return c.getInt("max_position_embeddings", c.getInt("n_positions", 0));
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
