/**
 * The encoder-decoder Transformer of <i>Attention Is All You Need</i> (§3, Figure 1) with Hugging Face
 * Marian's class and parameter names ({@code MarianMTModel}, the {@code Helsinki-NLP/opus-mt-*} layout).
 *
 * <p>Class chain, mirroring the checkpoint: {@link dev.transformers4j.models.marian.MarianAttention} →
 * {@link dev.transformers4j.models.marian.MarianEncoderLayer} / {@link dev.transformers4j.models.marian.MarianDecoderLayer}
 * → {@link dev.transformers4j.models.marian.MarianEncoder} / {@link dev.transformers4j.models.marian.MarianDecoder}
 * → {@link dev.transformers4j.models.marian.MarianModel} → {@link dev.transformers4j.models.marian.MarianMTModel}.
 *
 * <p>Layers are post-LN, as in the paper (§3.1: {@code LayerNorm(x + Sublayer(x))}). Differences from the
 * paper: the sinusoids are laid out in two halves instead of interleaved
 * ({@link dev.transformers4j.models.marian.MarianSinusoidalPositionalEmbedding}), the feed-forward activation
 * is {@code activation_function} (opus-mt uses swish where §3.3 uses ReLU), and the output layer has a
 * bias ({@code final_logits_bias}).
 *
 * <p>Shape glossary: B batch, S source tokens, T target tokens, P target tokens already cached, C model
 * width ({@code d_model}), H heads, D head size C/H, F feed-forward width, V vocabulary.
 */
package dev.transformers4j.models.marian;
