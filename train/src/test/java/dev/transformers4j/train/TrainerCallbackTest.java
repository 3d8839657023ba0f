package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What callbacks hear: the run's own state when it begins (a resumed run: the checkpoint's), each step's start and
 * end, and the tokens trained on ({@code num_input_tokens_seen}), which {@link TokenThroughput} turns into a speed.
 * Each step trains on 4 windows of 16 tokens: 64 tokens.
 */
class TrainerCallbackTest {

    @TempDir
    Path out;

    /** Records the state a run begins with and the step numbers it begins. */
    static final class Recorder implements TrainerCallback {
        final List<Integer> begun = new ArrayList<>();
        TrainerState state;
        int startStep = -1;
        long startTokens = -1;

        @Override
        public void onTrainBegin(TrainerState s) {
            state = s;
            startStep = s.globalStep();
            startTokens = s.numInputTokensSeen();
        }

        @Override
        public void onStepBegin(int step) {
            begun.add(step);
        }
    }

    @Test
    void aRunHandsItsStateToCallbacksAndCountsTheTokensOfEveryStep() throws IOException {
        Recorder recorder = new Recorder();
        TokenThroughput speed = new TokenThroughput();
        TrainResult r = trainer(TinyModels.gpt2(16, 0, 1), out, 4).addCallback(recorder).addCallback(speed).train();
        assertThat(recorder.state).isSameAs(r.state());
        assertThat(recorder.startStep).isZero();
        assertThat(recorder.begun).containsExactly(1, 2, 3, 4);
        assertThat(r.state().numInputTokensSeen()).isEqualTo(4 * 64);
        assertThat(speed.tokens()).isEqualTo(4 * 64);
        assertThat(speed.trainingSeconds()).isPositive();
        assertThat(speed.tokensPerSecond()).isEqualTo(speed.tokens() / speed.trainingSeconds());
        assertThat(Files.readString(out.resolve(TrainerState.FILE))).contains("\"num_input_tokens_seen\" : 256");
    }

    @Test
    void aResumedRunBeginsAtTheCheckpointsStateAndCountsItsOwnTokens() {
        TrainResult full = trainer(TinyModels.gpt2(16, 0, 1), out, 4).train();
        Recorder recorder = new Recorder();
        TokenThroughput speed = new TokenThroughput();
        TrainResult resumed = trainer(TinyModels.gpt2(16, 0, 2), out.resolve("resumed"), 4).addCallback(recorder)
                .addCallback(speed).resume(out.resolve("checkpoint-2"));
        assertThat(recorder.startStep).isEqualTo(2);
        assertThat(recorder.startTokens).isEqualTo(2 * 64);
        assertThat(recorder.begun).containsExactly(3, 4);
        assertThat(speed.tokens()).isEqualTo(2 * 64);
        assertThat(resumed.state()).isNotSameAs(full.state());
        assertThat(resumed.state().numInputTokensSeen()).isEqualTo(full.state().numInputTokensSeen());
        assertThat(resumed.state().steps()).isEqualTo(full.state().steps());
    }

    private static Trainer<Batch> trainer(GPT2LMHeadModel m, Path dir, int steps) {
        return new Trainer<>(m, new CausalLanguageModelingTask(m), TinyModels.windows(TinyModels.randomTokens(60, 1)),
                null, TinyModels.args(dir).maxSteps(steps).saveSteps(2).build());
    }
}
