package dev.transformers4j.pipelines.data;

import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.models.io.AtomicFiles;
import dev.transformers4j.tokenizers.train.TrainedTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The tokenizer a language model is trained with, chosen by {@code --tokenizer}: {@code char} builds a
 * character-level one from the training text ({@link CharTokenizerBuilder}); a path loads an existing one
 * (a {@code tokenizer.json} file, or a folder with {@code tokenizer.json}, GPT-2's {@code vocab.json} +
 * {@code merges.txt}, or OpenAI's original names for them, {@code encoder.json} + {@code vocab.bpe}).
 * {@link #saveTo} puts it into a model folder under the names HF's {@code AutoTokenizer} looks for.
 */
public final class CorpusTokenizer {

    private interface Saver {
        void saveTo(Path dir) throws IOException;
    }

    private final Tokenizer tokenizer;
    private final String description;
    private final Saver saver;

    private CorpusTokenizer(Tokenizer tokenizer, String description, Saver saver) {
        this.tokenizer = tokenizer.withTruncation(null).withPadding(null);
        this.description = description;
        this.saver = saver;
    }

    /** {@code "char"} (built from {@code text}), or a path; {@code "gpt2"} alone is an error that says what to give. */
    public static CorpusTokenizer resolve(String spec, String text) {
        if (spec.equals("char")) {
            return characters(text);
        }
        if (spec.equalsIgnoreCase("gpt2") && !Files.exists(Path.of(spec))) {
            throw new IllegalArgumentException("--tokenizer gpt2: GPT-2's tokenizer is not built in; give the path of"
                    + " its files instead: a tokenizer.json, or a folder with vocab.json + merges.txt (or OpenAI's"
                    + " encoder.json + vocab.bpe: docs/data.md says where to get them)");
        }
        return fromPath(Path.of(spec));
    }

    /** A character-level tokenizer of {@code text}'s characters. */
    public static CorpusTokenizer characters(String text) {
        return characters(CharTokenizerBuilder.fromText(text));
    }

    /** A character-level tokenizer as built (e.g. with special tokens). */
    public static CorpusTokenizer characters(CharTokenizerBuilder chars) {
        return new CorpusTokenizer(chars.build(), "characters (" + chars.characters().size() + " + <unk>"
                + (chars.vocabSize() > chars.characters().size() + 1 ? " + special tokens" : "") + ")",
                dir -> chars.write(dir.resolve("tokenizer.json")));
    }

    /** A tokenizer trained here (a shared BPE), saved as the {@code tokenizer.json} the trainer wrote. */
    public static CorpusTokenizer trained(TrainedTokenizer trained, String description) {
        return new CorpusTokenizer(trained.tokenizer(), description,
                dir -> AtomicFiles.write(dir.resolve("tokenizer.json"), trained::writeTo));
    }

    /** A {@code tokenizer.json} file or a tokenizer folder. */
    public static CorpusTokenizer fromPath(Path path) {
        Path json = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (Files.isRegularFile(json)) {
            return new CorpusTokenizer(Tokenizer.fromFile(json), json.toString(),
                    dir -> copy(json, dir.resolve("tokenizer.json")));
        }
        for (List<String> names : List.of(List.of("vocab.json", "merges.txt"), List.of("encoder.json", "vocab.bpe"))) {
            Path vocab = path.resolve(names.get(0));
            Path merges = path.resolve(names.get(1));
            if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
                return new CorpusTokenizer(Tokenizer.fromVocabAndMerges(vocab, merges), path.toString(), dir -> {
                    copy(vocab, dir.resolve("vocab.json"));
                    copy(merges, dir.resolve("merges.txt"));
                });
            }
        }
        throw new IllegalArgumentException("--tokenizer " + path + ": " + (Files.isDirectory(path)
                ? "this folder has no tokenizer.json, vocab.json + merges.txt, or encoder.json + vocab.bpe"
                : "no such file or folder") + " (expected 'char', a tokenizer.json, or a tokenizer folder)");
    }

    /** The tokenizer, with no truncation or padding. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** What it is, for logs: {@code characters (65 + <unk>)} or the path it came from. */
    public String description() {
        return description;
    }

    /** The number of ids (the model's {@code vocab_size} must be at least this). */
    public int vocabSize() {
        return tokenizer.vocabSize();
    }

    /** Writes the tokenizer's files into a model folder. */
    public void saveTo(Path dir) {
        try {
            Files.createDirectories(dir);
            saver.saveTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot save the tokenizer: " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
