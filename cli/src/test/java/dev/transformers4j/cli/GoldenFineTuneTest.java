package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.Dataset;
import dev.transformers4j.train.SequenceClassificationTask;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainingArguments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, interop: a checkpoint saved by Python transformers ({@code save_pretrained}, the golden
 * {@code bert-seqcls}, 3 labels) fine-tunes here unchanged — the training loss falls on a learnable task — and the
 * folder it saves reloads with the logits it had when saved.
 */
class GoldenFineTuneTest {

    @TempDir
    Path tmp;

    /** Sequences of 5–9 ids; the label is which third of the vocabulary the first id falls in. */
    record IdTask(List<int[]> rows, int[] labels) implements Dataset<Batch> {

        static IdTask of(int n, int vocab, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            List<int[]> rows = new ArrayList<>();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int[] ids = new int[5 + r.nextInt(5)];
                for (int t = 0; t < ids.length; t++) {
                    ids[t] = 1 + r.nextInt(vocab - 1);
                }
                rows.add(ids);
                labels[i] = ids[0] * 3 / vocab;
            }
            return new IdTask(rows, labels);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public Batch batch(int[] indices) {
            List<int[]> seqs = new ArrayList<>();
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                seqs.add(rows.get(indices[i]));
                y[i] = labels[indices[i]];
            }
            return new Batch(TokenBatch.rightPadded(seqs, null, 0), y);
        }
    }

    @Test
    void hfsCheckpointFineTunesHereAndTheSavedFolderReloads() {
        BertForSequenceClassification model = BertForSequenceClassification.fromPretrained(CliTest.golden("bert-seqcls"));
        int vocab = model.config().vocabSize();
        IdTask train = IdTask.of(256, vocab, 1);
        IdTask eval = IdTask.of(64, vocab, 2);
        SequenceClassificationTask task = new SequenceClassificationTask(model);
        double before = task.evaluate(train.batches(32)).loss();
        Path out = tmp.resolve("out");
        TrainingArguments args = TrainingArguments.builder(out).learningRate(1e-3).batchSize(16).maxSteps(100)
                .warmupSteps(5).evalSteps(0).saveSteps(0).seed(3).progressBar(false).build();
        new Trainer<>(model, task, train, eval, args).train();
        double after = task.evaluate(train.batches(32)).loss();
        assertThat(after).as("training-set loss after 100 steps (before: %s)", before).isLessThan(0.8 * before);

        Path saved = tmp.resolve("saved");
        model.savePretrained(saved);
        BertForSequenceClassification reloaded = BertForSequenceClassification.fromPretrained(saved);
        Batch b = eval.batch(new int[] {0, 1, 2, 3});
        model.module().eval();
        model.module().requiresGrad(false);   // frozen like the reloaded one: both multiply their prepared weights
        reloaded.module().eval();
        Tensor[] logits = new Tensor[2];
        Grad.noGrad(() -> {
            logits[0] = model.forward(b.input(), ForwardOptions.DEFAULT).logits();
            logits[1] = reloaded.forward(b.input(), ForwardOptions.DEFAULT).logits();
        });
        assertThat(logits[1].toArray()).containsExactly(logits[0].toArray());
    }
}
