package dev.transformers4j.server;

import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.Token;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.io.ModelFolder;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A model the explorer has loaded ({@link LoadedModel}: the network and its tokenizer) with its generation defaults.
 * Requests use it one at a time ({@link #exclusive}): a forward pass is already multi-threaded inside the kernels.
 */
final class ExplorerModel {

    static final String NO_TOKENIZER = "no tokenizer (tokenizer.json, or vocab.json + merges.txt): the explorer shows"
            + " text as tokens; `t4j train tokenizer` can make one";

    private final ModelKind kind;
    private final LoadedModel loaded;
    private final GenerationConfig generationDefaults;
    private final ReentrantLock lock = new ReentrantLock();

    private ExplorerModel(ModelKind kind, LoadedModel loaded, GenerationConfig generationDefaults) {
        this.kind = kind;
        this.loaded = loaded;
        this.generationDefaults = generationDefaults;
    }

    /** Loads an HF folder under the catalog's {@code name}: model, tokenizer, generation_config.json if any. */
    static ExplorerModel load(String name, ModelKind kind, ModelFolder folder) {
        LoadedModel m = LoadedModel.load(name, folder);
        if (m.tokenizer() == null) {
            throw new ExplorerServerException(folder.dir() + ": " + NO_TOKENIZER);
        }
        return new ExplorerModel(kind, m, GenerationConfig.fromFolder(folder));
    }

    String name() {
        return loaded.name();
    }

    ModelKind kind() {
        return kind;
    }

    LoadedModel loaded() {
        return loaded;
    }

    GenerationConfig generationDefaults() {
        return generationDefaults;
    }

    /** The tokens of {@code text} as the model reads it (special tokens added as the tokenizer says); 400 if none. */
    List<Token> tokenize(String field, String text) {
        List<Token> tokens = loaded.tokenize(text);
        if (tokens.isEmpty()) {
            throw ApiException.badField(field, "no tokens: give some text");
        }
        return tokens;
    }

    /** {@link #tokenize}, and 400 naming {@code field} when a decoder has fewer positions than tokens. */
    List<Token> tokenizeToFit(String field, String text) {
        List<Token> tokens = tokenize(field, text);
        if (loaded.model() instanceof CausalLM lm && tokens.size() > lm.maxPositions()) {
            throw ApiException.badField(field, tokens.size() + " tokens but " + name() + " reads at most "
                    + lm.maxPositions() + " (n_positions)");
        }
        return tokens;
    }

    /** The model as a decoder-only language model; 400 naming {@code what} needs one when it is not. */
    CausalLM requireDecoder(String what) {
        if (loaded.model() instanceof CausalLM lm) {
            return lm;
        }
        throw ApiException.badField("model", name() + " is " + article(kind.jsonName()) + " ("
                + loaded.model().architecture() + "): " + what + " needs a decoder such as GPT-2");
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
