package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;

/**
 * An encoder-decoder model as generation sees it (§3, Figure 1): the encoder runs once over the source, then the
 * decoder is run one step at a time over a self-attention cache, attending to the encoded source.
 *
 * @param <M> what the decoder attends to: the encoder output, typically already projected into every layer's
 *            cross-attention keys and values
 */
public interface Seq2SeqLM<M> {

    /**
     * Encodes the right-padded {@code source [B, S]} once and repeats each source row {@code copies} times
     * (row b becomes rows {@code b·copies … b·copies + copies − 1}, HF's {@code _expand_inputs_for_generation}),
     * so that it serves {@code B · copies} decoder rows (beams or returned sequences).
     */
    M encode(TokenBatch source, int copies);

    /** A decoder self-attention cache for up to {@code capacity} target positions of {@code batch} rows. */
    KVCache newCache(int batch, int capacity);

    /**
     * Runs the T new target tokens {@code ids [B, T]} after those in {@code cache} (which they extend), with
     * positions continuing from the cache length and no target padding mask; returns the logits of each row's
     * last position {@code [B, V]}.
     */
    Tensor nextTokenLogits(int[] ids, int t, M encoded, KVCache cache);

    /** The first decoder token of every row ({@code decoder_start_token_id}). */
    int decoderStartTokenId();

    /** The most positions the model has embeddings for, on either side ({@code max_position_embeddings}). */
    int maxPositions();

    /** The vocabulary size V. */
    int vocabSize();

    /**
     * HF's {@code shift_tokens_right}: the decoder input of teacher forcing is the labels moved one position to
     * the right behind {@code decoderStartTokenId}, {@code [start, y_0 … y_{T−2}]} per row, with -100 read as
     * {@code padTokenId}.
     *
     * @param labels {@code [B, T]} row-major, -100 where nothing is predicted
     */
    static int[] shiftTokensRight(int[] labels, int batch, int padTokenId, int decoderStartTokenId) {
        if (batch < 1 || labels.length % batch != 0) {
            throw new IllegalArgumentException("labels: " + labels.length + " ids do not fill " + batch + " rows");
        }
        int t = labels.length / batch;
        int[] out = new int[labels.length];
        for (int b = 0; b < batch && t > 0; b++) {
            out[b * t] = decoderStartTokenId;
            for (int i = 1; i < t; i++) {
                int y = labels[b * t + i - 1];
                out[b * t + i] = y == Losses.IGNORE_INDEX ? padTokenId : y;
            }
        }
        return out;
    }
}
