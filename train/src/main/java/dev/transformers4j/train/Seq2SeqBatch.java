package dev.transformers4j.train;

import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.Seq2SeqLM;
import dev.transformers4j.models.TokenBatch;
import java.util.Arrays;
import java.util.List;

/**
 * A padded batch of sentence pairs for teacher forcing, as HF's {@code DataCollatorForSeq2Seq} makes it: the
 * sources right-padded with {@code pad_token_id}, the labels (target ids, ending in {@code </s>}) right-padded
 * with -100, and the decoder input the labels shifted right behind {@code decoder_start_token_id}
 * ({@link Seq2SeqLM#shiftTokensRight}). Position t of the decoder reads {@code y_{<t}} and is scored against
 * {@code y_t}; padded positions are scored against nothing.
 *
 * @param indices         which examples of the dataset these are, row by row (to look up e.g. reference texts)
 * @param source          {@code [B, S]} source ids with their padding mask
 * @param decoderInputIds {@code [B, T]} row-major
 * @param labels          {@code [B, T]} row-major, -100 at padding
 */
public record Seq2SeqBatch(int[] indices, TokenBatch source, int[] decoderInputIds, int[] labels) {

    public Seq2SeqBatch {
        if (indices.length != source.batch() || decoderInputIds.length != labels.length
                || labels.length % Math.max(1, source.batch()) != 0) {
            throw new IllegalArgumentException("seq2seq batch: " + indices.length + " indices, source ["
                    + source.batch() + ", " + source.length() + "], " + decoderInputIds.length + " decoder ids and "
                    + labels.length + " labels do not make B rows");
        }
    }

    /**
     * Collates sentence pairs.
     *
     * @param sources one id array per pair (ending in {@code </s>})
     * @param targets the labels of each pair: target ids ending in {@code </s>}
     */
    public static Seq2SeqBatch collate(int[] indices, List<int[]> sources, List<int[]> targets, int padTokenId,
                                       int decoderStartTokenId) {
        int b = targets.size();
        int t = targets.stream().mapToInt(y -> y.length).max().orElse(0);
        int[] labels = new int[b * t];
        Arrays.fill(labels, Losses.IGNORE_INDEX);
        for (int i = 0; i < b; i++) {
            System.arraycopy(targets.get(i), 0, labels, i * t, targets.get(i).length);
        }
        TokenBatch source = TokenBatch.rightPadded(sources, null, padTokenId);                // [B, S]
        int[] decoderIds = Seq2SeqLM.shiftTokensRight(labels, b, padTokenId, decoderStartTokenId);   // [B, T]
        return new Seq2SeqBatch(indices, source, decoderIds, labels);
    }

    /** The number of sentence pairs B. */
    public int size() {
        return source.batch();
    }

    /** The number of real source tokens. */
    public long sourceTokens() {
        return Arrays.stream(source.attentionMask()).asLongStream().sum();
    }

    /** The number of target tokens the loss scores (labels that are not -100). */
    public long targetTokens() {
        return Arrays.stream(labels).filter(y -> y != Losses.IGNORE_INDEX).count();
    }
}
