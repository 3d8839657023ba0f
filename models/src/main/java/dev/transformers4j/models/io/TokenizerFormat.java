package dev.transformers4j.models.io;

/**
 * The tokenizer files of an HF model folder, in the order they are looked for. This module only names them;
 * the tokenizers module reads them ({@code Tokenizer.fromFolder}, {@code MarianTokenizer.fromFolder}).
 */
public enum TokenizerFormat {
    /** {@code tokenizer.json}: HF's fast tokenizer, the whole pipeline in one file. */
    TOKENIZER_JSON,
    /** GPT-2's byte-level BPE files {@code vocab.json} + {@code merges.txt}, which HF turns into a fast tokenizer. */
    VOCAB_AND_MERGES,
    /** Marian's SentencePiece models: {@code source.spm} (with {@code target.spm} and {@code vocab.json}). */
    MARIAN_SENTENCEPIECE,
    /** None of these. */
    NONE;

    /**
     * Whether this is a fast tokenizer in HF's sense: one pipeline of HF's {@code tokenizers} library, which
     * {@code Tokenizer.fromFolder} loads ({@link #TOKENIZER_JSON} or {@link #VOCAB_AND_MERGES}).
     */
    public boolean isFast() {
        return this == TOKENIZER_JSON || this == VOCAB_AND_MERGES;
    }
}
