package dev.transformers4j.cli.inspect;

import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.train.Seq2SeqBatch;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The inputs of {@code t4j gradients} for an encoder-decoder model, as HF's
 * {@code model(input_ids, attention_mask, decoder_input_ids=..., labels=...)}: the {@code --ids} are the sources
 * (right-padded with {@code pad_token_id}), {@code --labels} the target ids each decoder position predicts
 * (right-padded with -100), and the decoder reads {@code --decoder-ids} when given (right-padded with
 * {@code pad_token_id}), else the labels shifted right behind {@code decoder_start_token_id}, as HF derives them.
 */
public final class Seq2SeqGradientInputs {

    private Seq2SeqGradientInputs() {
    }

    /**
     * @param labels     one array per source (required)
     * @param decoderIds one array per source, each as long as its labels; null to derive them from the labels
     */
    static Seq2SeqBatch of(MarianMTModel m, List<int[]> sources, List<int[]> labels, List<int[]> decoderIds) {
        if (labels == null) {
            throw new IllegalArgumentException("--labels: " + m.architecture() + " needs the target ids of each "
                    + "--ids (one --labels per --ids; the decoder reads them shifted right behind "
                    + "decoder_start_token_id " + m.decoderStartTokenId() + " unless --decoder-ids is given)");
        }
        requireOnePer("--labels", labels, sources);
        int pad = m.config().padTokenId();
        int[] indices = IntStream.range(0, sources.size()).toArray();
        if (decoderIds == null) {
            return Seq2SeqBatch.collate(indices, sources, labels, pad, m.decoderStartTokenId());
        }
        requireOnePer("--decoder-ids", decoderIds, sources);
        for (int i = 0; i < labels.size(); i++) {
            if (decoderIds.get(i).length != labels.get(i).length) {
                throw new IllegalArgumentException("--labels: sequence " + (i + 1) + " has " + decoderIds.get(i).length
                        + " decoder ids but " + labels.get(i).length + " labels (one label per decoder position)");
            }
        }
        TokenBatch source = TokenBatch.rightPadded(sources, null, pad);
        return new Seq2SeqBatch(indices, source, padded(decoderIds, pad), padded(labels, Losses.IGNORE_INDEX));
    }

    private static void requireOnePer(String flag, List<int[]> given, List<int[]> sources) {
        if (given.size() != sources.size()) {
            throw new IllegalArgumentException(flag + ": given " + given.size() + " times but --ids " + sources.size()
                    + " times (one " + flag + " per --ids)");
        }
    }

    /** {@code [B, T]} row-major, rows right-padded with {@code fill} to the longest. */
    private static int[] padded(List<int[]> rows, int fill) {
        int t = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] out = new int[rows.size() * t];
        Arrays.fill(out, fill);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * t, rows.get(i).length);
        }
        return out;
    }
}
