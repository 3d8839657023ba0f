package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.io.Init;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationTest {

    /**
     * Predictions (0, 0, 1, 1, 2) against labels (0, 1, 1, 1, 0): accuracy 3/5; F1 per class
     * 2TP/(2TP + FP + FN): class 0 → 2/(2 + 1 + 1) = 0.5, class 1 → 4/(4 + 0 + 1) = 0.8, class 2 → 0/(0 + 1 + 0) = 0;
     * macro-F1 = (0.5 + 0.8 + 0)/3 = 0.4333.
     */
    @Test
    void accuracyAndMacroF1ByHand() {
        int[] pred = {0, 0, 1, 1, 2};
        int[] gold = {0, 1, 1, 1, 0};
        assertThat(ClassificationMetrics.accuracy(pred, gold)).isEqualTo(0.6);
        assertThat(ClassificationMetrics.macroF1(pred, gold)).isCloseTo(1.3 / 3, within(1e-12));
    }

    /**
     * A tiny BERT (width 16, feed-forward 37, one layer) learns to tell sequences containing token 7 (label 1)
     * from those containing token 8 (label 0), padded to different lengths: accuracy and F1 reach 1.
     */
    @Test
    void tinyBertLearnsASeparableTask(@TempDir Path out) {
        BertConfig c = BertConfig.base(20).toBuilder().hiddenSize(16).numHiddenLayers(1).numAttentionHeads(2)
                .intermediateSize(37).hiddenDropoutProb(0).attentionProbsDropoutProb(0).maxPositionEmbeddings(16)
                .architectures(List.of("BertForSequenceClassification")).id2label(Map.of(0, "negative", 1, "positive"))
                .build();
        BertForSequenceClassification m = new BertForSequenceClassification(c);
        Init.initialize(m, m.namedParameters().keySet(), 0.02, 3);
        Dataset<Batch> data = sentences(64, 11);
        TrainResult r = new Trainer<>(m, new SequenceClassificationTask(m), data, sentences(32, 12),
                TinyModels.args(out).learningRate(5e-3).batchSize(8).maxSteps(60).weightDecay(0.01).build()).train();
        assertThat(r.lastEval().get("accuracy")).isEqualTo(1.0);
        assertThat(r.lastEval().get("f1")).isEqualTo(1.0);
        assertThat(r.lastEval().loss()).isLessThan(0.2);
        assertThat(BertForSequenceClassification.fromPretrained(out).config().id2label()).containsValue("positive");
    }

    /** {@code [CLS]=1, random tokens from 10..19, the marker 7 or 8, [SEP]=2}, right-padded with 0. */
    private static Dataset<Batch> sentences(int n, long seed) {
        Random rnd = new Random(seed);
        List<int[]> seqs = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(2);
            int len = 3 + rnd.nextInt(6);
            int[] s = new int[len + 3];
            s[0] = 1;
            for (int j = 1; j <= len; j++) {
                s[j] = 10 + rnd.nextInt(10);
            }
            s[1 + rnd.nextInt(len)] = labels[i] == 1 ? 7 : 8;
            s[len + 1] = 10 + rnd.nextInt(10);
            s[len + 2] = 2;
            seqs.add(s);
        }
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Batch batch(int[] indices) {
                List<int[]> picked = new ArrayList<>();
                int[] y = new int[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    picked.add(seqs.get(indices[i]));
                    y[i] = labels[indices[i]];
                }
                return new Batch(TokenBatch.rightPadded(picked, null, 0), y);
            }
        };
    }
}
