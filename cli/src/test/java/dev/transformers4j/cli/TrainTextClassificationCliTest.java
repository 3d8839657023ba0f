package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercise 1 scaled down: {@code t4j train text-classification} fine-tunes the built-in all-MiniLM-L6-v2 for a few
 * steps on 48 short sentences of two obvious kinds; the folder it writes has HF's layout and works with
 * {@code t4j classify} and {@code t4j evaluate}; the run resumes from its checkpoint; bad input is one clear error.
 */
class TrainTextClassificationCliTest {

    static final String[] GOOD = {"wonderful", "delightful", "brilliant", "charming", "superb", "lovely", "moving", "great"};
    static final String[] BAD = {"dull", "boring", "awful", "tedious", "terrible", "lifeless", "bland", "dreadful"};
    static final String[] NOUNS = {"movie", "film", "story", "picture"};

    @TempDir
    static Path tmp;
    static Path train;
    static Path dev;
    static Path out;
    static CliRun run;

    static String[] trainArgs(Path trainFile, Path outDir, String... more) {
        List<String> a = List.of("train", "text-classification", "--model", "all-MiniLM-L6-v2",
                "--train", trainFile.toString(), "--eval", dev.toString(), "--out", outDir.toString(),
                "--max-steps", "4", "--batch-size", "8", "--max-length", "16", "--lr", "1e-4", "--eval-steps", "2",
                "--save-steps", "2", "--log-steps", "1");
        return CliArgs.with(a, more);
    }

    @BeforeAll
    static void fineTune() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String[] adjectives = i % 2 == 0 ? GOOD : BAD;
            lines.add("a " + adjectives[i / 2 % 8] + " and " + adjectives[(i / 2 + 3) % 8] + " " + NOUNS[i / 16]
                    + " .\t" + (i % 2 == 0 ? 1 : 0));
        }
        train = Files.writeString(tmp.resolve("train.tsv"), "text\tlabel\n" + String.join("\n", lines.subList(0, 48)) + "\n");
        dev = Files.writeString(tmp.resolve("dev.tsv"), "text\tlabel\n" + String.join("\n", lines.subList(48, 64)) + "\n");
        out = tmp.resolve("minilm-sentiment");
        run = CliRun.of(trainArgs(train, out));
    }

    @Test
    void savesAnHfFolderWithLabelsTokenizerCurvesAndCheckpoints() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trained 4 steps").contains("model saved to " + out);
        assertThat(run.err()).contains("step 2: eval_loss").contains("step 4/4");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "trainer_state.json", "training_log.csv", "loss_curve.svg", "loss_curve.png", "checkpoint-4")) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        JsonNode config = ConfigJson.read(out.resolve("config.json")).root();
        assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertForSequenceClassification");
        assertThat(config.get("id2label").toString()).isEqualTo("{\"0\":\"negative\",\"1\":\"positive\"}");
        HfLayout.assertLayout(out.resolve("model.safetensors"),
                HfLayout.bertForSequenceClassification(30522, 384, 6, 1536, 512, 2, 2));
    }

    @Test
    void classifyAndEvaluateWorkOnTheResultAndAgreeWithTheTrainersEvaluation() {
        CliRun c = CliRun.of("classify", "--model", out.toString(), "--json", "a superb film .", "a dull story .");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.json().get("predictions")).hasSize(2);
        assertThat(c.json().get("predictions").get(0).get("label").asText()).isIn("negative", "positive");

        CliRun e = CliRun.of("evaluate", "--model", out.toString(), "--data", dev.toString(), "--json");
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.json().get("n").asInt()).isEqualTo(16);
        Matcher m = Pattern.compile("eval accuracy ([0-9.]+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(e.json().get("accuracy").asDouble()).isEqualTo(Double.parseDouble(m.group(1)));
    }

    @Test
    void resumesFromTheCheckpointAndRefusesToStartOverIt() throws IOException {
        Path again = Files.createDirectories(tmp.resolve("resumed"));
        copyTree(out.resolve("checkpoint-2"), again.resolve("checkpoint-2"));
        CliRun fresh = CliRun.of(trainArgs(train, again));
        assertThat(fresh.exitCode()).isEqualTo(2);
        assertThat(fresh.err()).contains("already holds checkpoint-2: add --resume");
        CliRun resumed = CliRun.of(trainArgs(train, again, "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming from").doesNotContain("step 1/4");
        assertThat(resumed.out()).contains("trained 4 steps");
    }

    @Test
    void badInputIsOneLineNamingTheFileLineOrFlag() throws IOException {
        Path missingLabel = Files.writeString(tmp.resolve("bad.tsv"), "text\tlabel\ngood film\t1\nno label here\t\n");
        assertError(trainArgs(missingLabel, tmp.resolve("o1")), "bad.tsv:3: the label is missing");
        Path headerOnly = Files.writeString(tmp.resolve("empty.tsv"), "text\tlabel\n");
        assertError(trainArgs(headerOnly, tmp.resolve("o2")), "empty.tsv: no examples");
        assertError(trainArgs(train, tmp.resolve("o3"), "--lr", "0"), "--lr: expected a learning rate in (0, 1] but was 0.0");
        assertError(trainArgs(train, tmp.resolve("o4"), "--batch-size", "0"), "--batch-size: expected a value in [1, 65536]");
        assertError(trainArgs(train, tmp.resolve("o5"), "--max-length", "600"), "--max-length: expected at most the"
                + " model's max_position_embeddings 512 but was 600");
        assertError(trainArgs(train, tmp.resolve("o6"), "--resume"), "has no checkpoint-N folder to resume from");
        Path threeLabels = Files.writeString(tmp.resolve("three.tsv"), Files.readString(train) + "so-so film .\t2\n");
        Path other = Files.createDirectories(tmp.resolve("other-model"));
        copyTree(out.resolve("checkpoint-4"), other.resolve("checkpoint-4"));
        assertError(trainArgs(threeLabels, other, "--resume"), "was written for another model: config field 'id2label'");
    }

    private static void assertError(String[] args, String message) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
