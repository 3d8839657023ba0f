package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Embedding;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerStack;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.AttentionMask;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.TokenBatch;

/**
 * The encoder-decoder Transformer of Figure 1 without its output layer: {@code shared} (one token embedding
 * for source and target, §3.4), {@code encoder}, {@code decoder}.
 */
public final class MarianModel extends Module {

    final MarianConfig config;
    final Embedding shared;
    final MarianEncoder encoder;
    final MarianDecoder decoder;

    public MarianModel(MarianConfig config) {
        this.config = config;
        shared = child("shared", new Embedding(config.vocabSize(), config.dModel(), config.padTokenId()));
        encoder = child("encoder", new MarianEncoder(config, shared));
        decoder = child("decoder", new MarianDecoder(config, shared));
    }

    /**
     * Teacher forcing: encodes {@code source}, then decodes all of {@code decoderIds} at once.
     *
     * @param source     right-padded source ids {@code [B, S]} with their padding mask
     * @param decoderIds {@code [B, T]} row-major, starting with {@code decoder_start_token_id}
     * @return the decoder's last hidden state {@code [B, T, C]} and what {@code options} asked for; no logits
     */
    public Seq2SeqLMOutput forward(TokenBatch source, int[] decoderIds, ForwardOptions options) {
        ForwardCall call = enter(source, decoderIds, options);
        int b = source.batch();
        if (b == 0 || decoderIds.length % b != 0) {
            throw new IllegalArgumentException("decoder ids: " + decoderIds.length + " ids do not fill " + b + " rows");
        }
        int t = decoderIds.length / b;
        ModelOutput enc = encode(source, options);
        MarianCrossAttentionCache cross = crossAttentionCache(enc.lastHiddenState(), source);
        LayerStack.Output dec = decoder.forward(decoderIds, b, t, null, cross, null, options);
        return call.exit(new Seq2SeqLMOutput(null, dec.lastHiddenState(), dec.hiddenStates(), dec.attentions(),
                dec.crossAttentions(), enc.lastHiddenState(), enc.hiddenStates(), enc.attentions()));
    }

    /**
     * Runs the encoder once: {@code [B, S]} ids → {@code [B, S, C]}; hidden states are named {@code "embeddings"},
     * {@code "encoder.layers.0"}, ….
     */
    public ModelOutput encode(TokenBatch source, ForwardOptions options) {
        checkLength("source", source.length());
        LayerStack.Output r = encoder.forward(source, options);
        return new ModelOutput(r.lastHiddenState(), null, null, r.hiddenStates(), r.attentions(),
                r.hiddenStateNames("embeddings", this));
    }

    /** The cross-attention keys/values of every decoder layer for an encoded source (computed once). */
    public MarianCrossAttentionCache crossAttentionCache(Tensor encoderHidden, TokenBatch source) {
        Tensor mask = AttentionMask.padding(source.attentionMask(), source.batch(), source.length());   // [B, 1, 1, S]
        return decoder.crossAttentionCache(encoderHidden, mask);
    }

    /** Decodes the T new target tokens {@code [B, T]} after those in {@code cache}: {@code [B, T, C]}. */
    public Tensor decode(int[] ids, int b, int t, MarianCrossAttentionCache encoder, KVCache cache) {
        checkLength("target", (cache == null ? 0 : cache.length()) + t);
        return decoder.forward(ids, b, t, null, encoder, cache, ForwardOptions.DEFAULT).lastHiddenState();
    }

    private void checkLength(String what, int n) {
        if (n > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(what + " of " + n + " tokens is longer than max_position_embeddings = "
                    + config.maxPositionEmbeddings());
        }
    }

    public MarianConfig config() {
        return config;
    }

    public Embedding shared() {
        return shared;
    }

    public MarianDecoder decoder() {
        return decoder;
    }
}
