/**
 * Hugging Face {@code tokenizers}-compatible tokenization from {@code tokenizer.json}.
 *
 * <p>The pipeline follows HF's: {@code added tokens → normalizer → pre-tokenizer → model →
 * post-processor}, then truncation and padding; {@code decoder} for the way back. Each step is a small
 * interface in its own package ({@code normalizers}, {@code pretokenizers}, {@code models},
 * {@code processors}, {@code decoders}) with implementations chosen by the JSON {@code "type"} in
 * {@code json.TokenizerJson}. Offsets always refer to the original text: {@code text.NormalizedString}
 * keeps, for every normalized character, the span of the original it came from.
 *
 * <p>Three model families: WordPiece (BERT), byte-level BPE (GPT-2), and Unigram (converted SentencePiece
 * models: T5, XLM-R, ...; with the {@code Precompiled} normalizer and {@code Metaspace}). For byte-level BPE the
 * {@code pretokenizers.ByteLevel} pre-tokenizer cuts words with GPT-2's regex and rewrites them as
 * UTF-8 bytes in the {@code text.BytesToUnicode} alphabet ({@code Ġ} is a space), {@code models.BPE}
 * merges them, and {@code decoders.ByteLevelDecoder} maps tokens back to bytes, so decoding is
 * lossless. Offsets of byte tokens still point at whole characters of the original text: the bytes of
 * one emoji may be split over several tokens that share its span.
 *
 * <p>Entry points: {@link dev.transformers4j.tokenizers.Tokenizer#fromFile} ({@code tokenizer.json}),
 * {@link dev.transformers4j.tokenizers.Tokenizer#fromVocabAndMerges} (GPT-2's {@code vocab.json} +
 * {@code merges.txt}) and {@link dev.transformers4j.tokenizers.Tokenizer#fromFolder}, which apply the file's
 * truncation and padding as HF's Rust library does, and
 * {@link dev.transformers4j.tokenizers.Tokenizer#fromPretrained}, which leaves them off as transformers'
 * {@code AutoTokenizer} does. SentencePiece model files
 * are read by the {@code sentencepiece} package, and Marian's tokenizer folders by the {@code marian} package.
 */
package dev.transformers4j.tokenizers;
