package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Translation training: collation, the label-smoothed loss, token-count batches, evaluation metrics and exact resume. */
class Seq2SeqTranslationTaskTest {

    private static final int X = Losses.IGNORE_INDEX;

    /** Two pairs as HF's DataCollatorForSeq2Seq pads them, with pad 1 and decoder start 1. */
    @Test
    void collationPadsSourcesShiftsLabelsAndIgnoresPadding() {
        Seq2SeqBatch b = Seq2SeqBatch.collate(new int[] {4, 9}, List.of(new int[] {5, 6, 7, 0}, new int[] {8, 0}),
                List.of(new int[] {3, 0}, new int[] {9, 10, 11, 0}), 1, 1);
        assertThat(b.source().ids()).containsExactly(5, 6, 7, 0, 8, 0, 1, 1);
        assertThat(b.source().attentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0);
        assertThat(b.labels()).containsExactly(3, 0, X, X, 9, 10, 11, 0);
        assertThat(b.decoderInputIds()).containsExactly(1, 3, 0, 1, 1, 9, 10, 11);
        assertThat(b.sourceTokens()).isEqualTo(6);
        assertThat(b.targetTokens()).isEqualTo(6);
        assertThat(b.indices()).containsExactly(4, 9);
    }

    /** The task's loss is the label-smoothed cross-entropy of the teacher-forced logits; ε = 0 is the model's own loss. */
    @Test
    void lossIsLabelSmoothedCrossEntropyOfTheTeacherForcedLogits() {
        MarianMTModel model = TinyModels.marian(0, 3);
        Seq2SeqBatch b = TinyModels.reversals(5, 1).batch(new int[] {0, 1, 2, 3, 4});
        assertThat(new Seq2SeqTranslationTask(model, 0).loss(b).item())
                .isEqualTo(model.loss(b.source(), b.labels()).item());
        float smoothed = new Seq2SeqTranslationTask(model, 0.1).loss(b).item();
        assertThat(smoothed).isNotEqualTo(model.loss(b.source(), b.labels()).item());
        assertThatThrownBy(() -> new Seq2SeqTranslationTask(model, 1.0)).hasMessageContaining("label smoothing");
    }

    /**
     * 60 steps on a copy task with token batches, the paper's Adam (β₂ 0.98, ε 1e-9) and Noam schedule, dropout 0.1
     * and label smoothing 0.1: the validation loss falls, evaluation reports loss, nll_loss, perplexity and the
     * added metric; the saved folder reloads with identical logits; an interrupted run resumed from checkpoint-30 equals the uninterrupted one step for step.
     */
    @Test
    void trainingLowersTheValidationLossAndResumesExactly(@TempDir Path tmp) {
        MarianMTModel model = TinyModels.marian(0.1, 1);
        Trainer<Seq2SeqBatch> trainer = trainer(model, tmp.resolve("full"));
        double before = trainer.evaluate().loss();
        TrainResult full = trainer.train();
        List<EvalLog> evals = full.state().evals();
        assertThat(evals.get(0).result().loss()).isLessThan(before - 0.2);                // 2.75 → 2.53 → 2.47
        assertThat(evals.get(1).result().loss()).isLessThan(evals.get(0).result().loss());
        assertThat(evals.get(0).result().metrics()).containsOnlyKeys("loss", "nll_loss", "perplexity", "pairs");
        assertThat(evals.get(0).result().get("pairs")).isEqualTo(40.0);
        EvalResult last = full.lastEval();
        assertThat(last.get("perplexity")).isEqualTo(Math.exp(last.get("nll_loss")));
        assertThat(last.get("nll_loss")).isNotEqualTo(last.loss());
        assertReloadsWithIdenticalLogits(model, tmp.resolve("full"));

        Path out = tmp.resolve("interrupted");
        Trainer<Seq2SeqBatch> crashing = trainer(TinyModels.marian(0.1, 1), out);
        crashing.addCallback(new TrainerCallback() {
            @Override
            public void onSave(int step, Path checkpoint) {
                throw new IllegalStateException("simulated crash after " + checkpoint);
            }
        });
        assertThatThrownBy(crashing::train).hasMessageContaining("simulated crash");
        TrainResult resumed = trainer(TinyModels.marian(0.1, 99), out).resume(out.resolve("checkpoint-30"));
        assertThat(resumed.state().steps()).hasSize(60).isEqualTo(full.state().steps());
        assertThat(resumed.state().evals()).isEqualTo(full.state().evals());
    }

    /** The saved folder (config.json + model.safetensors) is the trained model: AutoModel gives the same logits. */
    private static void assertReloadsWithIdenticalLogits(MarianMTModel trained, Path dir) {
        MarianMTModel reloaded = (MarianMTModel) AutoModel.fromPretrained(dir);
        assertThat(reloaded.config()).isEqualTo(trained.config());
        Seq2SeqBatch b = TinyModels.copies(6, 9).batch(new int[] {0, 1, 2, 3, 4, 5});
        trained.requiresGrad(false);        // frozen like the reloaded model: both run the same (fused, prepared) path
        float[] want = trained.forward(b.source(), b.decoderInputIds(), ForwardOptions.DEFAULT).logits().toArray();
        float[] got = reloaded.forward(b.source(), b.decoderInputIds(), ForwardOptions.DEFAULT).logits().toArray();
        assertThat(got).containsExactly(want);
    }

    private static Trainer<Seq2SeqBatch> trainer(MarianMTModel model, Path out) {
        TrainingArguments args = TrainingArguments.builder(out).learningRate(1e-3).maxTokens(48).maxSteps(60)
                .adamBetas(0.9, 0.98).adamEpsilon(1e-9).maxGradNorm(0).evalSteps(30).saveSteps(30)
                .progressBar(false).seed(5).build();
        Seq2SeqTranslationTask task = new Seq2SeqTranslationTask(model, 0.1).withMetric(batches -> {
            double pairs = 0;
            for (Seq2SeqBatch b : batches) {
                pairs += b.size();
            }
            return Map.of("pairs", pairs);
        });
        return new Trainer<>(model, task, TinyModels.copies(200, 2), TinyModels.copies(40, 3), args)
                .withSchedule(Schedule.noam(16, 10, 0.3));
    }
}
