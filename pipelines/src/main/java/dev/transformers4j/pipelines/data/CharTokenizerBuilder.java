package dev.transformers4j.pipelines.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.tokenizers.Tokenizer;
import java.nio.file.Path;
import java.util.List;

/**
 * A character-level tokenizer, as nanoGPT's Shakespeare example builds one: the vocabulary is the sorted
 * distinct characters (Unicode code points) of a text, so ids 0..n−1 are nanoGPT's ids, and {@code <unk>}
 * (id n) stands for any character the text did not have.
 *
 * <p>It is written as a standard Hugging Face {@code tokenizer.json} that our {@link Tokenizer} and Python's
 * {@code tokenizers.Tokenizer.from_file} both load: a BPE model whose vocabulary is the characters and whose
 * merge list is empty (so every character stays one token), no normalizer or pre-tokenizer (spaces and
 * newlines are characters like any other), and the {@code Fuse} decoder (tokens joined with no separator),
 * so that {@code decode(encode(text)) == text}.
 *
 * <p>{@link #withSpecialTokens} adds special tokens after {@code <unk>} (a translation vocabulary's
 * {@code </s>} and {@code <pad>}) and, optionally, a {@code TemplateProcessing} post-processor that appends one
 * of them to every encoding, as Marian's tokenizer appends {@code </s>}.
 */
public final class CharTokenizerBuilder {

    /** The unknown token, the last id. */
    public static final String UNK = "<unk>";

    private final List<String> characters;
    private final List<String> specialTokens;
    private final String appendedToken;                 // appended to every encoding, or null

    private CharTokenizerBuilder(List<String> characters, List<String> specialTokens, String appendedToken) {
        this.characters = List.copyOf(characters);
        this.specialTokens = List.copyOf(specialTokens);
        this.appendedToken = appendedToken;
    }

    /** The tokenizer of {@code text}'s distinct characters, sorted by code point. */
    public static CharTokenizerBuilder fromText(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("cannot build a character vocabulary from an empty text");
        }
        return new CharTokenizerBuilder(text.codePoints().distinct().sorted().mapToObj(Character::toString).toList(),
                List.of(), null);
    }

    /**
     * The same characters and {@code <unk>}, then {@code tokens} as special added tokens (ids n+1, n+2, …; never
     * split, skipped when decoding with {@code skipSpecialTokens}).
     *
     * @param appendedToken one of {@code tokens} that the post-processor appends to every encoding (with special
     *                      tokens on), or null for none
     */
    public CharTokenizerBuilder withSpecialTokens(List<String> tokens, String appendedToken) {
        if (appendedToken != null && !tokens.contains(appendedToken)) {
            throw new IllegalArgumentException("appended token " + appendedToken + " is not one of " + tokens);
        }
        if (tokens.contains(UNK) || tokens.stream().anyMatch(characters::contains)) {
            throw new IllegalArgumentException("special tokens " + tokens + " repeat <unk> or a character");
        }
        return new CharTokenizerBuilder(characters, tokens, appendedToken);
    }

    /** The characters, by id. */
    public List<String> characters() {
        return characters;
    }

    /** The characters, {@code <unk>} and the special tokens. */
    public int vocabSize() {
        return characters.size() + 1 + specialTokens.size();
    }

    /** The content of {@code tokenizer.json}, with every field Python's {@code tokenizers} writes. */
    public ObjectNode toJson() {
        ObjectNode root = ConfigJson.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < specialTokens.size(); i++) {
            added.addObject().put("id", characters.size() + 1 + i).put("content", specialTokens.get(i))
                    .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false)
                    .put("special", true);
        }
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        if (appendedToken == null) {
            root.putNull("post_processor");
        } else {
            root.set("post_processor", appending(appendedToken, characters.size() + 1 + specialTokens.indexOf(appendedToken)));
        }
        root.putObject("decoder").put("type", "Fuse");
        root.set("model", model());
        return root;
    }

    private ObjectNode model() {
        ObjectNode model = ConfigJson.MAPPER.createObjectNode();
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", UNK);
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < characters.size(); id++) {
            vocab.put(characters.get(id), id);
        }
        vocab.put(UNK, characters.size());
        for (int i = 0; i < specialTokens.size(); i++) {
            vocab.put(specialTokens.get(i), characters.size() + 1 + i);
        }
        model.putArray("merges");                       // none: every character stays one token
        return model;
    }

    /** HF's {@code TemplateProcessing} with single {@code $A token} and pair {@code $A $B token}. */
    private static ObjectNode appending(String token, int id) {
        ObjectNode p = ConfigJson.MAPPER.createObjectNode().put("type", "TemplateProcessing");
        for (String field : List.of("single", "pair")) {
            ArrayNode pieces = p.putArray(field);
            pieces.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
            if (field.equals("pair")) {
                pieces.addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
            }
            pieces.addObject().putObject("SpecialToken").put("id", token).put("type_id", 0);
        }
        ObjectNode special = p.putObject("special_tokens").putObject(token).put("id", token);
        special.putArray("ids").add(id);
        special.putArray("tokens").add(token);
        return p;
    }

    /** The tokenizer itself. */
    public Tokenizer build() {
        return Tokenizer.fromJson(toJson().toString(), "character tokenizer");
    }

    /** Writes {@code tokenizer.json} (atomically: a crash never leaves half a file). */
    public void write(Path file) {
        ConfigJson.write(file, toJson());
    }
}
