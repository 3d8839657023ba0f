package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /**
     * A tiny GPT-2 memorises a repeated sequence of 12 distinct tokens (each token determines the next):
     * from ln 50 ≈ 3.9 nats to under 0.5 in 100 steps. The output folder then holds the HF model, the
     * trainer state and the loss curves.
     */
    @Test
    void tinyGptMemorisesARepeatedSequence(@TempDir Path out) throws IOException {
        int[] period = {3, 17, 42, 8, 25, 11, 36, 5, 29, 14, 47, 20};
        int[] tokens = new int[240];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = period[i % period.length];
        }
        GPT2LMHeadModel m = TinyModels.gpt2(16, 0, 1);
        Dataset<Batch> data = TinyModels.windows(tokens);
        TrainResult r = new Trainer<>(m, new CausalLanguageModelingTask(m), data, data,
                TinyModels.args(out).maxSteps(100).learningRate(2e-2).warmupSteps(10).evalSteps(50).build()).train();

        assertThat(r.state().steps().get(0).loss()).isGreaterThan(3.5);
        assertThat(r.lastEval().loss()).isLessThan(0.5);
        assertThat(r.lastEval().get("perplexity")).isEqualTo(Math.exp(r.lastEval().loss()));
        assertThat(out.resolve("config.json")).exists();
        GPT2LMHeadModel reloaded = GPT2LMHeadModel.fromPretrained(out);
        assertThat(new CausalLanguageModelingTask(reloaded).evaluate(data.batches(8)).loss())
                .isEqualTo(r.lastEval().loss());

        List<String> csv = Files.readAllLines(out.resolve(LossCurves.CSV));
        assertThat(csv.get(0)).isEqualTo("step,epoch,train_loss,learning_rate,grad_norm,eval_loss,eval_perplexity");
        assertThat(csv).hasSize(101);
        assertThat(csv.get(50)).startsWith("50,").doesNotEndWith(",");                  // an eval row
        assertThat(csv.get(49)).startsWith("49,").endsWith(",,");                        // no eval at step 49
        String svg = Files.readString(out.resolve(LossCurves.SVG));
        assertThat(svg).startsWith("<svg").contains("<polyline", "train loss", "eval loss", "Loss over 100 steps")
                .endsWith("</svg>\n");
        BufferedImage png = ImageIO.read(out.resolve(LossCurves.PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(720);
        assertThat(Files.readString(out.resolve(TrainerState.FILE))).contains("\"global_step\" : 100");
    }

    /** Batch 8 in one go and batch 4 × 2 accumulated see the same examples and take the same steps. */
    @Test
    void gradientAccumulationMatchesOneLargeBatch(@TempDir Path tmp) {
        int[] tokens = TinyModels.randomTokens(100, 5);
        GPT2LMHeadModel a = TinyModels.gpt2(16, 0, 1);
        GPT2LMHeadModel b = TinyModels.gpt2(16, 0, 1);
        run(a, tokens, TinyModels.args(tmp.resolve("a")).batchSize(8).maxSteps(3));
        run(b, tokens, TinyModels.args(tmp.resolve("b")).batchSize(4).gradientAccumulationSteps(2).maxSteps(3));
        a.namedParameters().forEach((name, p) -> {
            float[] x = p.value().toArray();
            float[] y = b.namedParameters().get(name).value().toArray();
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).as(name).isCloseTo(x[i], org.assertj.core.data.Offset.offset(2e-5f));
            }
        });
    }

    @Test
    void keepsOnlyTheLastKCheckpoints(@TempDir Path out) throws IOException {
        run(TinyModels.gpt2(16, 0, 1), TinyModels.randomTokens(60, 1),
                TinyModels.args(out).maxSteps(6).saveSteps(1).saveTotalLimit(2));
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("checkpoint-5", "checkpoint-6");
        }
        assertThat(out.resolve("checkpoint-6")).isDirectoryContaining("glob:**/optimizer.safetensors")
                .isDirectoryContaining("glob:**/rng_state.json").isDirectoryContaining("glob:**/scheduler.json");
    }

    /** A failure while writing checkpoint-4 leaves checkpoint-2 complete, no trace of 4, and one error naming it. */
    @Test
    void failedCheckpointWriteLeavesThePreviousOneIntact(@TempDir Path out) throws IOException {
        GPT2LMHeadModel m = TinyModels.gpt2(16, 0, 1);
        Trainer<Batch> t = trainer(m, TinyModels.randomTokens(60, 1), TinyModels.args(out).maxSteps(6).saveSteps(2));
        t.beforePublish(dir -> {
            if (dir.getFileName().toString().endsWith("checkpoint-4")) {
                throw new IOException("No space left on device");
            }
        });
        assertThatThrownBy(t::train).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(out.resolve("checkpoint-4").toString())
                .hasMessageContaining("No space left on device");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString())).containsExactly("checkpoint-2");
        }
        assertThat(Files.readString(out.resolve("checkpoint-2").resolve(TrainerState.FILE))).contains("\"global_step\" : 2");
        TrainResult resumed = trainer(TinyModels.gpt2(16, 0, 2), TinyModels.randomTokens(60, 1),
                TinyModels.args(out).maxSteps(3)).resume(out.resolve("checkpoint-2"));
        assertThat(resumed.globalStep()).isEqualTo(3);
    }

    /** Eval losses 1.0, 0.9, 0.95, 0.97, …: best at step 2, two evaluations without improvement stop at step 4. */
    @Test
    void earlyStoppingAfterPatienceEvaluationsWithoutImprovement(@TempDir Path out) {
        GPT2LMHeadModel m = TinyModels.gpt2(16, 0, 1);
        double[] scripted = {1.0, 0.9, 0.95, 0.97, 0.5, 0.4};
        int[] calls = {0};
        TrainingTask<Batch> task = new TrainingTask<>() {
            @Override
            public Tensor loss(Batch batch) {
                return m.loss(batch.input(), batch.labels());
            }

            @Override
            public EvalResult evaluate(Iterable<Batch> batches) {
                return new EvalResult(Map.of("loss", scripted[calls[0]++]));
            }
        };
        Dataset<Batch> data = TinyModels.windows(TinyModels.randomTokens(60, 1));
        TrainResult r = new Trainer<>(m, task, data, data, TinyModels.args(out).maxSteps(6).evalSteps(1)
                .earlyStoppingPatience(2).build()).train();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.globalStep()).isEqualTo(4);
        assertThat(r.state().bestStep()).isEqualTo(2);
        assertThat(r.state().bestMetric()).isEqualTo(0.9);
        assertThat(r.lastEval().loss()).isEqualTo(0.97);
    }

    @Test
    void settingsOutOfRangeAreNamed(@TempDir Path out) {
        assertThatThrownBy(() -> TinyModels.args(out).learningRate(0).build())
                .hasMessage("setting 'learning_rate': expected in (0, 1] but was 0.0");
        assertThatThrownBy(() -> TinyModels.args(out).learningRate(1.5).build()).hasMessageContaining("learning_rate");
        assertThatThrownBy(() -> TinyModels.args(out).batchSize(0).build())
                .hasMessage("setting 'batch_size': expected >= 1 but was 0");
        assertThatThrownBy(() -> TinyModels.args(out).gradientAccumulationSteps(0).build())
                .hasMessageContaining("gradient_accumulation_steps").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> TinyModels.args(out).lrSchedulerType("warmup").build())
                .hasMessageContaining("lr_scheduler_type");
        GPT2LMHeadModel m = TinyModels.gpt2(16, 0, 1);
        Dataset<Batch> empty = TinyModels.windows(new int[TinyModels.CONTEXT]);
        assertThatThrownBy(() -> new Trainer<>(m, new CausalLanguageModelingTask(m), empty, null,
                TinyModels.args(out).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train dataset").hasMessageContaining("empty");
    }

    /** max_steps 0: ceil(epochs × ceil(44 windows / batch 4) / accumulation 2) = ceil(1.5 × 11 / 2) = 9. */
    @Test
    void maxStepsFromEpochs(@TempDir Path out) {
        GPT2LMHeadModel m = TinyModels.gpt2(16, 0, 1);
        Trainer<Batch> t = trainer(m, TinyModels.randomTokens(60, 1), TinyModels.args(out).numTrainEpochs(1.5)
                .gradientAccumulationSteps(2));
        assertThat(t.maxSteps()).isEqualTo(9);
    }

    private static Trainer<Batch> trainer(GPT2LMHeadModel m, int[] tokens, TrainingArguments.Builder args) {
        return new Trainer<>(m, new CausalLanguageModelingTask(m), TinyModels.windows(tokens), null, args.build());
    }

    private static TrainResult run(GPT2LMHeadModel m, int[] tokens, TrainingArguments.Builder args) {
        return trainer(m, tokens, args).train();
    }
}
