/**
 * Text generation with a causal language model or an encoder-decoder (translation) model, following HF
 * transformers 4.57's {@code generate()}.
 *
 * <p>{@link dev.transformers4j.generation.Generator} runs one of two decoding loops over a {@code DecodingSession}
 * (a decoder-only model over left-padded prompts, or an encoder-decoder model's decoder over a source encoded
 * once, starting from {@code decoder_start_token_id}) whose KV cache is allocated once per call: {@code SampleSearch} (HF's {@code _sample}: greedy search or seeded multinomial sampling) and
 * {@code BeamSearch} (HF's vectorised {@code _beam_search}). Each step: logits {@code [rows, V]} → logits
 * processors ({@link dev.transformers4j.generation.logits}) → choose tokens → stopping criteria → stream. Settings
 * come from {@link dev.transformers4j.generation.GenerationConfig} ({@code generation_config.json}).
 *
 * <p>Shapes: B prompts (or sources), P padded prompt length, K beams, V vocabulary; rows = B·K (beam search) or
 * B·num_return_sequences (sampling), prompt b's rows first ({@code repeat_interleave}).
 */
package dev.transformers4j.generation;
