package dev.transformers4j.pipelines.data;

import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.Truncation;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled texts for fine-tuning a classifier, tokenized once ({@code [CLS] text [SEP]}, cut to {@code maxLength}
 * tokens special tokens included); a batch is right-padded to its longest text, as HF's
 * {@code DataCollatorWithPadding}. The examples come from {@link ClassificationTsv} and {@link LabelSet}:
 *
 * <pre>{@code
 * List<LabeledText> rows = ClassificationTsv.read(trainTsv);
 * LabelSet labels = LabelSet.fromExamples(rows);
 * ClassificationDataset train = ClassificationDataset.of(labels.resolve(rows), tokenizer, 64);
 * }</pre>
 */
public final class ClassificationDataset implements Dataset<Batch> {

    private final int[][] ids;
    private final int[][] typeIds;
    private final int[] labels;
    private final int padId;

    private ClassificationDataset(int[][] ids, int[][] typeIds, int[] labels, int padId) {
        this.ids = ids;
        this.typeIds = typeIds;
        this.labels = labels;
        this.padId = padId;
    }

    /** The examples tokenized with {@code tokenizer} (its padding and truncation settings replaced). */
    public static ClassificationDataset of(List<ClassificationExample> examples, Tokenizer tokenizer, int maxLength) {
        Tokenizer cut = tokenizer.withPadding(null).withTruncation(Truncation.of(maxLength));
        int n = examples.size();
        int[][] ids = new int[n][];
        int[][] types = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Encoding e = cut.encode(examples.get(i).text());
            ids[i] = e.ids();
            types[i] = e.typeIds();
            labels[i] = examples.get(i).label();
        }
        int pad = tokenizer.padding() != null ? tokenizer.padding().padId() : tokenizer.tokenToId("[PAD]").orElse(0);
        return new ClassificationDataset(ids, types, labels, pad);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Batch batch(int[] indices) {
        List<int[]> seqs = new ArrayList<>(indices.length);
        List<int[]> types = new ArrayList<>(indices.length);
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            seqs.add(ids[indices[i]]);
            types.add(typeIds[indices[i]]);
            y[i] = labels[indices[i]];
        }
        return new Batch(TokenBatch.rightPadded(seqs, types, padId), y);      // input [B, T], labels [B]
    }

    /** The share of texts cut to the maximum length (for a warning when it is large). */
    public double truncatedFraction(int maxLength) {
        int cut = 0;
        for (int[] s : ids) {
            cut += s.length >= maxLength ? 1 : 0;
        }
        return (double) cut / ids.length;
    }
}
