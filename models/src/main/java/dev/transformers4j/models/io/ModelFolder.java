package dev.transformers4j.models.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an HF model folder holds, found as {@code from_pretrained} looks for it; the modules that use a file
 * parse it (config classes, {@link Checkpoint}, the tokenizers, {@code GenerationConfig}). Absent files are null,
 * asked with the {@code has…()} methods.
 *
 * @param dir              the folder
 * @param config           its {@code config.json}, or null
 * @param weights          the files holding the weights, in reading order: {@code model.safetensors}, else
 *                         {@code pytorch_model.bin}; empty when there is neither
 * @param weightsIndex     {@code model.safetensors.index.json} or {@code pytorch_model.bin.index.json} (the index of
 *                         a sharded checkpoint, whose shards are not read yet), or null
 * @param tokenizer        which tokenizer files it has
 * @param generationConfig its {@code generation_config.json}, or null
 */
public record ModelFolder(Path dir, Path config, List<Path> weights, Path weightsIndex, TokenizerFormat tokenizer,
                          Path generationConfig) {

    private static final String CONFIG = "config.json";
    private static final String GENERATION_CONFIG = "generation_config.json";
    private static final String TOKENIZER_JSON = "tokenizer.json";

    public ModelFolder {
        if (dir == null || tokenizer == null) {
            throw new IllegalArgumentException("a model folder needs its path and tokenizer format");
        }
        weights = List.copyOf(weights);
    }

    /** The files of {@code dir} (which need not exist: then it has none of them). */
    public static ModelFolder of(Path dir) {
        return new ModelFolder(dir, file(dir, CONFIG), weightFiles(dir), weightsIndex(dir), tokenizerFormat(dir),
                file(dir, GENERATION_CONFIG));
    }

    /** Whether it has a {@code config.json}, which makes it a model folder. */
    public boolean hasConfig() {
        return config != null;
    }

    public boolean hasGenerationConfig() {
        return generationConfig != null;
    }

    /** Its {@code tokenizer.json} (which may be absent: see {@link #tokenizer()}). */
    public Path tokenizerJson() {
        return dir.resolve(TOKENIZER_JSON);
    }

    private static List<Path> weightFiles(Path dir) {
        for (String name : List.of(Checkpoint.SAFETENSORS, Checkpoint.PYTORCH_BIN)) {
            Path p = file(dir, name);
            if (p != null) {
                return List.of(p);
            }
        }
        return List.of();
    }

    private static Path weightsIndex(Path dir) {
        Path st = file(dir, Checkpoint.SAFETENSORS + ".index.json");
        return st != null ? st : file(dir, Checkpoint.PYTORCH_BIN + ".index.json");
    }

    private static TokenizerFormat tokenizerFormat(Path dir) {
        if (file(dir, TOKENIZER_JSON) != null) {
            return TokenizerFormat.TOKENIZER_JSON;
        }
        if (file(dir, "vocab.json") != null && file(dir, "merges.txt") != null) {
            return TokenizerFormat.VOCAB_AND_MERGES;
        }
        return file(dir, "source.spm") != null ? TokenizerFormat.MARIAN_SENTENCEPIECE : TokenizerFormat.NONE;
    }

    /** {@code dir/name} when it is a regular file, else null. */
    private static Path file(Path dir, String name) {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? p : null;
    }
}
