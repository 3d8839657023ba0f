package dev.transformers4j.tokenizers.marian;

import dev.transformers4j.tokenizers.sentencepiece.SentencePieceModel;
import dev.transformers4j.tokenizers.sentencepiece.SentencePieceProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads and checks the files of a Marian tokenizer folder. */
final class MarianFolder {
    static final String SOURCE_SPM = "source.spm";
    static final String TARGET_SPM = "target.spm";
    static final String VOCAB = "vocab.json";
    static final String TARGET_VOCAB = "target_vocab.json";
    static final String CONFIG = "tokenizer_config.json";

    private MarianFolder() {
    }

    static MarianTokenizer load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Marian tokenizer: " + dir + " is not a directory");
        }
        MarianTokenizerConfig config = MarianFiles.config(dir.resolve(CONFIG));
        SentencePieceProcessor sourceSpm = spm(dir, SOURCE_SPM);
        SentencePieceProcessor targetSpm = spm(dir, TARGET_SPM);
        Map<String, Integer> vocab = vocab(dir, VOCAB, config);
        Map<String, Integer> targetVocab = vocab;
        if (config.separateVocabs()) {
            if (!Files.isRegularFile(dir.resolve(TARGET_VOCAB))) {
                throw new IllegalArgumentException(dir.resolve(CONFIG) + " says separate_vocabs: true, but "
                        + dir.resolve(TARGET_VOCAB) + " (the target side's vocabulary) does not exist");
            }
            targetVocab = vocab(dir, TARGET_VOCAB, config);
        }
        return new MarianTokenizer(config, new MarianTokenizer.Side(sourceSpm, vocab),
                new MarianTokenizer.Side(targetSpm, targetVocab));
    }

    private static SentencePieceProcessor spm(Path dir, String name) {
        Path file = required(dir, name);
        return new SentencePieceProcessor(SentencePieceModel.read(file));
    }

    /** {@code vocab.json}, which must hold the unk and eos tokens. */
    private static Map<String, Integer> vocab(Path dir, String name, MarianTokenizerConfig config) {
        Path file = required(dir, name);
        Map<String, Integer> vocab = MarianFiles.vocab(file);
        for (String token : new String[] {config.unkToken(), config.eosToken()}) {
            if (!vocab.containsKey(token)) {
                throw new IllegalArgumentException(file + ": the " + (token.equals(config.unkToken()) ? "unk" : "eos")
                        + " token '" + token + "' is not in the vocabulary (expected {\"" + token + "\": id, ...})");
            }
        }
        return vocab;
    }

    private static Path required(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Marian tokenizer folder " + dir + ": missing " + name + " (expected "
                    + SOURCE_SPM + ", " + TARGET_SPM + " and " + VOCAB + ", optionally " + CONFIG + ")");
        }
        return file;
    }
}
