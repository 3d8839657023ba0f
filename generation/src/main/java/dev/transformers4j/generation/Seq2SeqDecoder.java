package dev.transformers4j.generation;

import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.Seq2SeqLM;
import dev.transformers4j.models.TokenBatch;

/**
 * Runs an encoder-decoder model's decoder one step at a time: the source is encoded once (each source row repeated
 * per beam or returned sequence, then projected into the cross-attention cache), the decoder starts every row with
 * {@code decoder_start_token_id}, its positions count 0, 1, 2… and it has no padding mask (HF Marian's defaults).
 * Beam reordering touches only the self-attention cache: beams move only within their own source's rows, and
 * those rows of the cross-attention cache are identical copies.
 *
 * @param <M> the model's encoded source
 */
final class Seq2SeqDecoder<M> implements DecodingSession {

    private final Seq2SeqLM<M> model;
    private final M encoded;
    private final KVCache cache;

    /**
     * @param sources right-padded sources {@code [B, S]}
     * @param copies  decoder rows per source (beams or returned sequences)
     */
    Seq2SeqDecoder(Seq2SeqLM<M> model, TokenBatch sources, int copies, int capacity) {
        this.model = model;
        this.encoded = model.encode(sources, copies);
        this.cache = model.newCache(sources.batch() * copies, capacity);
    }

    @Override
    public float[] prefill(TokenBatch prompts) {
        return model.nextTokenLogits(prompts.ids(), prompts.length(), encoded, cache).toArray();
    }

    @Override
    public float[] step(int[] tokens) {
        return model.nextTokenLogits(tokens, 1, encoded, cache).toArray();
    }

    @Override
    public void reorder(int[] from) {
        cache.reorder(from);
    }
}
