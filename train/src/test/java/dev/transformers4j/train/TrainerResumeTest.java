package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint + resume gives exactly the run that was never interrupted. */
class TrainerResumeTest {

    private static final int[] TOKENS = TinyModels.randomTokens(200, 3);

    /**
     * 10 steps in one go versus 5 steps, a crash right after checkpoint-5, then a fresh process-like restart
     * (a new model with other initial weights, a new trainer) resumed from checkpoint-5: dropout 0.1 and
     * shuffled data make this depend on both generators being restored. The loss, learning-rate and
     * gradient-norm histories, the evaluations and the final weights must be bit-identical.
     */
    @Test
    void interruptedAndResumedRunEqualsUninterruptedRun(@TempDir Path tmp) {
        TrainingArguments.Builder args = TinyModels.args(tmp).maxSteps(10).saveSteps(5).evalSteps(5)
                .gradientAccumulationSteps(2).weightDecay(0.01);
        GPT2LMHeadModel a = TinyModels.gpt2(16, 0.1, 1);
        TrainResult full = trainer(a, args.build()).train();

        Path out = tmp.resolve("interrupted");
        GPT2LMHeadModel b = TinyModels.gpt2(16, 0.1, 1);
        Trainer<Batch> crashing = trainer(b, TinyModels.args(out).maxSteps(10).saveSteps(5).evalSteps(5)
                .gradientAccumulationSteps(2).weightDecay(0.01).build());
        crashing.addCallback(new TrainerCallback() {
            @Override
            public void onSave(int step, Path checkpoint) {
                throw new IllegalStateException("simulated crash after " + checkpoint);
            }
        });
        assertThatThrownBy(crashing::train).hasMessageContaining("simulated crash");
        assertThat(Trainer.latestCheckpoint(out)).isEqualTo(out.resolve("checkpoint-5"));

        GPT2LMHeadModel c = TinyModels.gpt2(16, 0.1, 99);                   // other weights: the checkpoint must win
        TrainResult resumed = trainer(c, TinyModels.args(out).maxSteps(10).saveSteps(5).evalSteps(5)
                .gradientAccumulationSteps(2).weightDecay(0.01).build()).resume(out.resolve("checkpoint-5"));

        assertThat(resumed.globalStep()).isEqualTo(10);
        assertThat(resumed.state().steps()).hasSize(10).isEqualTo(full.state().steps());
        assertThat(resumed.state().evals()).isEqualTo(full.state().evals());
        assertThat(c.namedParameters()).allSatisfy((name, p) ->
                assertThat(p.value().toArray()).as(name).containsExactly(a.namedParameters().get(name).value().toArray()));
        assertThat(full.state().steps().get(9).loss()).isLessThan(full.state().steps().get(0).loss());
    }

    @Test
    void resumingAnotherModelsCheckpointNamesTheFieldAndFolder(@TempDir Path tmp) {
        trainer(TinyModels.gpt2(16, 0, 1), TinyModels.args(tmp).maxSteps(2).saveSteps(2).build()).train();
        Path checkpoint = tmp.resolve("checkpoint-2");
        Trainer<Batch> wider = trainer(TinyModels.gpt2(24, 0, 1), TinyModels.args(tmp.resolve("b")).maxSteps(4).build());
        assertThatThrownBy(() -> wider.resume(checkpoint)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(checkpoint.toString()).hasMessageContaining("'n_embd'")
                .hasMessageContaining("16").hasMessageContaining("24");
    }

    @Test
    void resumingAnIncompleteFolderNamesTheMissingFile(@TempDir Path tmp) throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("checkpoint-3"));
        Trainer<Batch> t = trainer(TinyModels.gpt2(16, 0, 1), TinyModels.args(tmp).maxSteps(4).build());
        assertThatThrownBy(() -> t.resume(tmp.resolve("checkpoint-3"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("checkpoint-3").hasMessageContaining("config.json is missing");
    }

    static Trainer<Batch> trainer(GPT2LMHeadModel m, TrainingArguments args) {
        Dataset<Batch> train = TinyModels.windows(TOKENS);
        Dataset<Batch> eval = TinyModels.windows(java.util.Arrays.copyOf(TOKENS, 40));
        return new Trainer<>(m, new CausalLanguageModelingTask(m), train, eval, args);
    }
}
