/**
 * The tokenizer of Marian translation models (Helsinki-NLP opus-mt):
 * {@link dev.transformers4j.tokenizers.marian.MarianTokenizer} reads a folder with {@code source.spm},
 * {@code target.spm}, {@code vocab.json} and {@code tokenizer_config.json} and encodes and decodes as HF's
 * (slow, SentencePiece-based) {@code MarianTokenizer} of transformers 4.x does.
 */
package dev.transformers4j.tokenizers.marian;
