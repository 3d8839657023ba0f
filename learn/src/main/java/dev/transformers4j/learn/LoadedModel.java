package dev.transformers4j.learn;

import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.tokenizers.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A model to look inside, with its tokenizer when its folder has one ({@code tokenizer.json}, or GPT-2's
 * {@code vocab.json} + {@code merges.txt}); without one, inputs are given as token ids.
 */
public final class LoadedModel {

    private final String name;
    private final PretrainedModel model;
    private final Tokenizer tokenizer;

    /** @param tokenizer the model's tokenizer, or null when inputs are token ids */
    public LoadedModel(String name, PretrainedModel model, Tokenizer tokenizer) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer == null ? null : tokenizer.withPadding(null).withTruncation(null);
    }

    /** A built-in model name ({@code all-MiniLM-L6-v2}) or an HF folder. */
    public static LoadedModel load(String nameOrPath) {
        return load(nameOrPath, ModelResolver.resolveFolder(nameOrPath));
    }

    /** A model folder under {@code name}, with its tokenizer when it has one {@link Tokenizer} reads. */
    public static LoadedModel load(String name, ModelFolder folder) {
        PretrainedModel m = AutoModel.fromPretrained(folder.dir());
        return new LoadedModel(name, m, folder.tokenizer().isFast() ? Tokenizer.fromFolder(folder.dir()) : null);
    }

    public String name() {
        return name;
    }

    public PretrainedModel model() {
        return model;
    }

    /** The tokenizer, or null. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Whether each position sees only itself and the positions before it (a decoder-only model). */
    public boolean isCausal() {
        return model instanceof CausalLM;
    }

    /** The tokens of {@code text}, special tokens included, as the model reads them. */
    public List<Token> tokenize(String text) {
        if (tokenizer == null) {
            throw new IllegalArgumentException(name + ": the model folder has no tokenizer (tokenizer.json or vocab.json"
                    + " + merges.txt): give token ids instead of text");
        }
        return tokens(tokenizer.encode(text).ids());
    }

    /** Tokens for ids given directly, spelled by the tokenizer when there is one. */
    public List<Token> tokens(int[] ids) {
        List<Token> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            String t = tokenizer == null ? null : tokenizer.idToToken(id);
            out.add(new Token(id, t == null ? "#" + id : t));
        }
        return List.copyOf(out);
    }

    /** The text of one token id ({@code " the"} for {@code "Ġthe"}); {@code "#id"} without a tokenizer. */
    public String decode(int id) {
        return tokenizer == null ? "#" + id : tokenizer.decode(new int[] {id}, false);
    }

    /** The ids of {@code tokens}. */
    static int[] ids(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens: the input needs at least one token");
        }
        return tokens.stream().mapToInt(Token::id).toArray();
    }
}
