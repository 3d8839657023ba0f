package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercise 2 scaled down: {@code t4j train causal-lm} trains a one-layer, 32-wide GPT-2 on a few KB of verse for
 * 20 steps; the folder has HF's GPT-2 layout and {@code t4j generate} samples from it; a run resumed from its
 * step-10 checkpoint (what an interrupted run leaves) ends with the same weights and validation loss; bad input is
 * one clear error.
 */
class TrainCausalLmCliTest {

    static final String[] SPEAKERS = {"ROMEO", "JULIET", "NURSE", "FRIAR"};
    static final String[] LINES = {"But soft, what light through yonder window breaks?", "It is the east, and the sun.",
            "Good night, good night! parting is such sweet sorrow.", "These violent delights have violent ends."};

    @TempDir
    static Path tmp;
    static Path text;
    static Path out;
    static CliRun run;

    static String[] trainArgs(Path outDir, String... more) {
        List<String> a = List.of("train", "causal-lm", "--data", text.toString(), "--tokenizer", "char",
                "--layers", "1", "--heads", "2", "--hidden", "32", "--context", "16", "--activation", "gelu_new",
                "--dropout", "0.1", "--steps", "20", "--batch-size", "8", "--lr", "3e-3", "--warmup", "2",
                "--eval-every", "10", "--save-total-limit", "0", "--log-steps", "5", "--seed", "5", "--out",
                outDir.toString());
        return CliArgs.with(a, more);
    }

    @BeforeAll
    static void trainTinyGpt() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 4000; i++) {
            s.append(SPEAKERS[i % 4]).append(":\n").append(LINES[(i * 3 + i / 4) % 4]).append("\n\n");
        }
        text = Files.writeString(tmp.resolve("verse.txt"), s);
        out = tmp.resolve("tiny-gpt");
        run = CliRun.of(trainArgs(out));
    }

    @Test
    void savesAnHfGpt2FolderAndPrintsTheValidationLoss() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("validation loss [0-9.]+ nats/char \\(perplexity [0-9.]+\\) on all \\d+"
                + " validation tokens").contains("trained 20 steps");
        assertThat(run.err()).contains("step 10: eval_loss").contains("step 20/20");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json", "training_log.csv", "loss_curve.png", "loss_curve.svg", "checkpoint-10",
                "checkpoint-20")) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        JsonNode config = ConfigJson.read(out.resolve("config.json")).root();
        int vocab = distinctChars() + 1;                                          // characters + <unk>
        assertThat(config.get("vocab_size").asInt()).isEqualTo(vocab);
        assertThat(config.get("n_positions").asInt()).isEqualTo(16);
        assertThat(config.get("activation_function").asText()).isEqualTo("gelu_new");
        assertThat(config.get("eos_token_id").asInt()).isEqualTo(vocab - 1);
        HfLayout.assertLayout(out.resolve("model.safetensors"), HfLayout.gpt2LmHeadModel(vocab, 16, 32, 1));
    }

    @Test
    void generateSamplesFromTheTrainedModel() {
        String[] args = {"generate", "--model", out.toString(), "--prompt", "ROMEO:", "--max-new-tokens", "10",
                "--temperature", "0.8", "--top-k", "40", "--seed", "1", "--json"};
        CliRun g = CliRun.of(args);
        assertThat(g.exitCode()).as(g.err()).isZero();
        JsonNode result = g.json().get("results").get(0);
        assertThat(result.get("new_ids")).hasSize(10);
        assertThat(result.get("text").asText()).hasSize(10);
        assertThat(CliRun.of(args).json()).isEqualTo(g.json());
    }

    @Test
    void resumingTheInterruptedRunEndsExactlyAsTheUninterruptedOne() throws IOException {
        Path interrupted = Files.createDirectories(tmp.resolve("interrupted"));
        TrainTextClassificationCliTest.copyTree(out.resolve("checkpoint-10"), interrupted.resolve("checkpoint-10"));
        CliRun resumed = CliRun.of(trainArgs(interrupted, "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming from").doesNotContain("step 5/20");
        assertThat(validationLoss(resumed)).isEqualTo(validationLoss(run));
        // equal up to float rounding: the Vector API's lane reductions may add in another order once JIT-compiled
        assertThat(finalEvalLoss(interrupted)).isCloseTo(finalEvalLoss(out), within(1e-5));
        try (SafeTensors a = SafeTensors.open(interrupted.resolve("model.safetensors"));
             SafeTensors b = SafeTensors.open(out.resolve("model.safetensors"))) {
            assertThat(a.names()).isEqualTo(b.names());
            for (String n : a.names()) {
                assertThat(a.tensor(n).toArray()).as(n).containsExactly(b.tensor(n).toArray(), within(1e-5f));
            }
        }
    }

    private static double finalEvalLoss(Path dir) {
        JsonNode history = ConfigJson.read(dir.resolve("trainer_state.json")).root().get("log_history");
        return history.get(history.size() - 1).get("eval_loss").asDouble();
    }

    @Test
    void badInputIsOneLineNamingTheFileOrFlag() throws IOException {
        assertError(trainArgs(tmp.resolve("o1"), "--tokenizer", "gpt2"), "--tokenizer gpt2: GPT-2's tokenizer is not built in");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        assertError(new String[] {"train", "causal-lm", "--data", empty.toString(), "--out", tmp.resolve("o2").toString()},
                "empty.txt: the text is empty");
        assertError(trainArgs(tmp.resolve("o3"), "--lr", "2"), "--lr: expected a learning rate in (0, 1] but was 2.0");
        assertError(trainArgs(tmp.resolve("o4"), "--batch-size", "-1"), "--batch-size: expected a value in [1, 65536]");
        assertError(trainArgs(tmp.resolve("o5"), "--heads", "3"), "--heads: expected a divisor of --hidden 32 but was 3");
        assertError(trainArgs(tmp.resolve("o6"), "--activation", "mish"), "--activation: unknown activation 'mish'");
        assertError(trainArgs(tmp.resolve("o7"), "--context", "5000"), "too short");
        Path other = Files.createDirectories(tmp.resolve("other-model"));
        TrainTextClassificationCliTest.copyTree(out.resolve("checkpoint-10"), other.resolve("checkpoint-10"));
        assertError(trainArgs(other, "--resume", "--layers", "2"), "was written for another model: config field 'n_layer'"
                + " is 1 in the checkpoint but 2 in the model being trained");
    }

    private static int distinctChars() {
        try {
            return (int) Files.readString(text).codePoints().distinct().count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String validationLoss(CliRun r) {
        Matcher m = Pattern.compile("validation loss ([0-9.]+)").matcher(r.out());
        assertThat(m.find()).as(r.out() + r.err()).isTrue();
        return m.group(1);
    }

    private static void assertError(String[] args, String message) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
    }
}
