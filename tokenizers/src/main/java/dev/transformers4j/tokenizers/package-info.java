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
 * <p>Entry point: {@link dev.transformers4j.tokenizers.Tokenizer#fromFile}.
 */
package dev.transformers4j.tokenizers;
