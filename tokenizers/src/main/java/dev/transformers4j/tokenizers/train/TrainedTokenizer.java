package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tokenizer trained by {@link TokenizerTrainer}: the content of its {@code tokenizer.json}, the tokenizer
 * loaded from that very content, what BPE learned, and what the corpus held.
 *
 * @param json          the {@code tokenizer.json}, as HF tokenizers would save it
 * @param tokenizer     {@code json} loaded
 * @param bpe           the vocabulary and merges
 * @param sequences     the lines (or texts) read
 * @param words         the words counted (after normalization and pre-tokenization), repeats included
 * @param distinctWords the distinct words
 */
public record TrainedTokenizer(String json, Tokenizer tokenizer, TrainedBpe bpe, long sequences, long words,
        int distinctWords) {

    /** The number of ids (vocabulary and added tokens). */
    public int vocabSize() {
        return tokenizer.vocabSize();
    }

    /** Writes {@link #json} as UTF-8, e.g. into {@code models.io.AtomicFiles.write(file, trained::writeTo)}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
