/**
 * SentencePiece models ({@code .spm}, {@code .model} files) for unigram segmentation (Kudo 2018), the way
 * the SentencePiece library itself (and so Python's slow tokenizers) runs them.
 *
 * <p>{@link dev.transformers4j.tokenizers.sentencepiece.SentencePieceModel} reads the protobuf file
 * ({@code sentencepiece_model.proto}, trimmed, in {@code src/main/proto}) and checks it;
 * {@link dev.transformers4j.tokenizers.sentencepiece.SentencePieceProcessor} encodes and decodes: SentencePiece's
 * normalizer (compiled charsmap, longest rule first; extra whitespace; {@code ▁}), Viterbi over the pieces with
 * SentencePiece's float arithmetic, unknown characters merged, byte fallback, and SentencePiece's decoding.
 *
 * <p>HF's converted {@code tokenizer.json} files run the same model through other steps (the
 * {@code Precompiled}, {@code Strip} and {@code Replace} normalizers, {@code Metaspace}, {@code Unigram}),
 * which differ from SentencePiece in three rare cases: a character the charsmap rewrites followed by a
 * combining mark or zero-width joiner (HF looks up whole grapheme clusters), trailing whitespace the charsmap
 * keeps such as U+0085 (HF strips it), and segmentations whose scores tie in float but not in double.
 */
package dev.transformers4j.tokenizers.sentencepiece;
