package dev.transformers4j.pipelines.data;

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
 */
public final class CharTokenizerBuilder {

    /** The unknown token, the last id. */
    public static final String UNK = "<unk>";

    private final List<String> characters;

    private CharTokenizerBuilder(List<String> characters) {
        this.characters = List.copyOf(characters);
    }

    /** The tokenizer of {@code text}'s distinct characters, sorted by code point. */
    public static CharTokenizerBuilder fromText(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("cannot build a character vocabulary from an empty text");
        }
        return new CharTokenizerBuilder(text.codePoints().distinct().sorted().mapToObj(Character::toString).toList());
    }

    /** The characters, by id. */
    public List<String> characters() {
        return characters;
    }

    /** The characters and {@code <unk>}. */
    public int vocabSize() {
        return characters.size() + 1;
    }

    /** The content of {@code tokenizer.json}, with every field Python's {@code tokenizers} writes. */
    public ObjectNode toJson() {
        ObjectNode root = ConfigJson.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
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
        model.putArray("merges");                       // none: every character stays one token
        return model;
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
