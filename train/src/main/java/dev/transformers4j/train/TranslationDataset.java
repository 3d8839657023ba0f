package dev.transformers4j.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence pairs as token ids, for {@link Seq2SeqTranslationTask}: each pair is the source ids and the target ids
 * (the labels), both ending in {@code </s>}. Its {@link #numTokens} is the longer side, so that with
 * {@code max_tokens} a batch pads to at most that many tokens on either side (fairseq's {@code num_tokens}).
 */
public final class TranslationDataset implements Dataset<Seq2SeqBatch> {

    private final List<int[]> sources;
    private final List<int[]> targets;
    private final int padTokenId;
    private final int decoderStartTokenId;

    /** @throws IllegalArgumentException when the lists differ in length or a sentence has no token */
    public TranslationDataset(List<int[]> sources, List<int[]> targets, int padTokenId, int decoderStartTokenId) {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException("translation dataset: " + sources.size() + " sources but "
                    + targets.size() + " targets");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).length == 0 || targets.get(i).length == 0) {
                throw new IllegalArgumentException("translation dataset: pair " + i + " has an empty side (each"
                        + " side needs at least its </s>)");
            }
        }
        this.sources = List.copyOf(sources);
        this.targets = List.copyOf(targets);
        this.padTokenId = padTokenId;
        this.decoderStartTokenId = decoderStartTokenId;
    }

    @Override
    public int size() {
        return sources.size();
    }

    @Override
    public Seq2SeqBatch batch(int[] indices) {
        List<int[]> src = new ArrayList<>(indices.length);
        List<int[]> tgt = new ArrayList<>(indices.length);
        for (int i : indices) {
            src.add(sources.get(i));
            tgt.add(targets.get(i));
        }
        return Seq2SeqBatch.collate(indices.clone(), src, tgt, padTokenId, decoderStartTokenId);
    }

    /** {@code max(source length, target length)}. */
    @Override
    public int numTokens(int index) {
        return Math.max(sources.get(index).length, targets.get(index).length);
    }

    /** The source ids of pair {@code index}. */
    public int[] source(int index) {
        return sources.get(index).clone();
    }

    /** The target ids (labels) of pair {@code index}. */
    public int[] target(int index) {
        return targets.get(index).clone();
    }
}
