package dev.transformers4j.tokenizers.marian;

import dev.transformers4j.tokenizers.sentencepiece.TinySpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Marian folder around {@link TinySpm}: both sides use it, and vocab.json is
 * <pre>
 *   0 "</s>"  1 "<unk>"  2 "▁"  3 "a"  4 "bc"  5 "ab"  6 ">>fr<<"  7 "c"  8 "<pad>"  9 "b"  10 "."
 * </pre>
 * ("▁a" and "abc" are pieces of the SentencePiece model but not in vocab.json, so they map to {@code <unk>}).
 */
final class TinyMarianFolder {
    static final String VOCAB = "{\"</s>\": 0, \"<unk>\": 1, \"\u2581\": 2, \"a\": 3, \"bc\": 4, \"ab\": 5, "
            + "\">>fr<<\": 6, \"c\": 7, \"<pad>\": 8, \"b\": 9, \".\": 10}";

    private TinyMarianFolder() {
    }

    static Path write(Path dir) {
        try {
            Files.write(dir.resolve("source.spm"), TinySpm.bytes());
            Files.write(dir.resolve("target.spm"), TinySpm.bytes());
            Files.writeString(dir.resolve("vocab.json"), VOCAB);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
