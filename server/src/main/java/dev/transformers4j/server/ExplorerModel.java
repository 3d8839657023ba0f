package dev.transformers4j.server;

import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A model the explorer has loaded: the network, its tokenizer and its generation defaults. Requests use it one at a
 * time ({@link #exclusive}): a forward pass is already multi-threaded inside the kernels.
 */
final class ExplorerModel {

    private final String name;
    private final ModelKind kind;
    private final PretrainedModel model;
    private final Tokenizer tokenizer;
    private final GenerationConfig generationDefaults;
    private final ReentrantLock lock = new ReentrantLock();

    private ExplorerModel(String name, ModelKind kind, PretrainedModel model, Tokenizer tokenizer,
                          GenerationConfig generationDefaults) {
        this.name = name;
        this.kind = kind;
        this.model = model;
        this.tokenizer = tokenizer;
        this.generationDefaults = generationDefaults;
    }

    /** Loads an HF folder: config.json + weights, tokenizer.json (padding off), generation_config.json if any. */
    static ExplorerModel load(String name, ModelKind kind, Path dir) {
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new ExplorerServerException(dir + ": no tokenizer.json (the explorer shows text as tokens; "
                    + "`t4j train tokenizer` can make one)");
        }
        PretrainedModel model = AutoModel.fromPretrained(dir);
        Tokenizer tokenizer = Tokenizer.fromFile(dir.resolve("tokenizer.json")).withPadding(null).withTruncation(null);
        Path gc = dir.resolve("generation_config.json");
        GenerationConfig defaults = Files.isRegularFile(gc) ? GenerationConfig.fromJson(gc) : GenerationConfig.defaults();
        return new ExplorerModel(name, kind, model, tokenizer, defaults);
    }

    String name() {
        return name;
    }

    ModelKind kind() {
        return kind;
    }

    PretrainedModel model() {
        return model;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    GenerationConfig generationDefaults() {
        return generationDefaults;
    }

    /** The tokens of {@code text} as the model reads it (special tokens added as the tokenizer says). */
    TokenizedText encode(String text) {
        Encoding e = tokenizer.encode(text);
        if (e.ids().length == 0) {
            throw ApiException.badField("text", "no tokens: give some text");
        }
        return new TokenizedText(e.ids(), Arrays.asList(e.tokens()));
    }

    /** The model as a decoder-only language model; 400 naming {@code what} needs one when it is not. */
    CausalLM requireDecoder(String what) {
        if (model instanceof CausalLM lm) {
            return lm;
        }
        throw ApiException.badField("model", name + " is " + article(kind.jsonName()) + " (" + model.architecture()
                + "): " + what + " needs a decoder such as GPT-2");
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /** Runs {@code work} while no other request uses this model. */
    <T> T exclusive(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
