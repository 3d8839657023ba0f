package dev.transformers4j.pipelines;

/**
 * The two sides of a translation tokenizer: source text → ids the encoder reads (ending with {@code </s>}, as Marian
 * requires), and generated target ids → text. One vocabulary may serve both sides ({@link SharedVocabularyTokenizer}
 * over {@code tokenizer.json}); Marian's own checkpoints have one SentencePiece model per side.
 */
public interface TranslationTokenizer {

    /** The source ids of {@code text}, special tokens included ({@code … </s>}), not truncated. */
    int[] encodeSource(String text);

    /** The text of generated target ids, special tokens (EOS, padding) skipped. */
    String decode(int[] targetIds);
}
