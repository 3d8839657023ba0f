package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contracts: --json shapes, exit codes, one-line errors. */
class CliTest {

    @TempDir
    Path tmp;

    /** A golden folder of the models test-jar ({@code golden/bert-seqcls}). */
    static Path golden(String name) {
        return Golden.dir(name);
    }

    /** A golden JSON file of the models or tokenizers test-jar. */
    static JsonNode goldenJson(String name) {
        return Golden.json(name);
    }

    @Test
    void forwardJsonMatchesHuggingFaceOnAPaddedBatch() throws IOException {
        // HF's padded_batch case: two sequences of 14 and 9 tokens, right-padded
        JsonNode c = goldenJson("bert-seqcls.json").get("cases").get(2);
        JsonNode ids = c.get("inputs").get("input_ids").get("data");
        JsonNode types = c.get("inputs").get("token_type_ids").get("data");
        JsonNode mask = c.get("inputs").get("attention_mask").get("data");
        String[] args = new String[] {"forward", "--model", golden("bert-seqcls").toString(), "--json",
                "--ids", seq(ids, mask, 0), "--type-ids", seq(types, mask, 0),
                "--ids", seq(ids, mask, 1), "--type-ids", seq(types, mask, 1)};
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = r.json();
        assertThat(out.get("last_hidden_state").get("shape")).hasToString("[2,14,64]");
        assertThat(out.get("logits").get("shape")).hasToString("[2,3]");
        JsonNode want = c.get("outputs");
        assertClose(out.get("logits").get("data"), want.get("logits").get("data"), null);
        assertClose(out.get("last_hidden_state").get("data"), want.get("last_hidden_state").get("data"), mask);
    }

    private static String seq(JsonNode data, JsonNode mask, int row) {
        StringBuilder s = new StringBuilder();
        for (int i = row * 14; i < (row + 1) * 14; i++) {
            if (mask.get(i).asInt() == 1) {
                s.append(s.isEmpty() ? "" : ",").append(data.get(i).asInt());
            }
        }
        return s.toString();
    }

    /** Golden tolerance at real (unmasked) positions; {@code mask} null = compare all. */
    static void assertClose(JsonNode got, JsonNode want, JsonNode mask) {
        assertThat(got.size()).isEqualTo(want.size());
        int per = mask == null ? 1 : want.size() / mask.size();
        for (int i = 0; i < want.size(); i++) {
            if (mask != null && mask.get(i / per).asInt() == 0) {
                continue;
            }
            double g = want.get(i).asDouble();
            assertThat(got.get(i).asDouble()).as("element %d", i).isCloseTo(g, within(1e-5 + 1e-4 * Math.abs(g)));
        }
    }

    @Test
    void tokenizeJsonHasIdsTokensTypeIdsAndOffsets() {
        CliRun r = CliRun.of("tokenize", "--model", "all-MiniLM-L6-v2", "--json", "Hello, world!");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("ids")).hasToString("[101,7592,1010,2088,999,102]");
        assertThat(j.get("tokens")).hasToString("[\"[CLS]\",\"hello\",\",\",\"world\",\"!\",\"[SEP]\"]");
        assertThat(j.get("type_ids")).hasToString("[0,0,0,0,0,0]");
        assertThat(j.get("offsets")).hasToString("[[0,0],[0,5],[5,6],[7,12],[12,13],[0,0]]");
    }

    @Test
    void embedJsonGivesUnitRowsAndSimilarityRanksParaphrasesFirst() {
        CliRun r = CliRun.of("embed", "--model", "all-MiniLM-L6-v2", "--json", "first text", "second one");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("model").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(j.get("dim").asInt()).isEqualTo(384);
        assertThat(j.get("embeddings")).hasSize(2);
        double norm = 0;
        for (JsonNode v : j.get("embeddings").get(0)) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));

        CliRun s = CliRun.of("similarity", "--json", "A man is playing a guitar.", "Someone plays an instrument.",
                "The stock market fell.");
        assertThat(s.exitCode()).as(s.err()).isZero();
        JsonNode m = s.json().get("similarity");
        assertThat(m.get(0).get(1).asDouble()).isGreaterThan(m.get(0).get(2).asDouble() + 0.3);
        assertThat(m.get(1).get(1).asDouble()).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void textsComeFromAFileOneperLine() throws IOException {
        Path f = tmp.resolve("texts.txt");
        Files.writeString(f, "one\n\ntwo\nthree\n");
        CliRun r = CliRun.of("embed", "--json", "--input", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("embeddings")).hasSize(3);
    }

    @Test
    void tooLongTextIsTruncatedWithAWarningOrRefusedWithNoTruncation() {
        String longText = "word ".repeat(400);
        CliRun cut = CliRun.of("embed", "--json", longText);
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(cut.err()).contains("402 tokens; truncated to the 256");
        CliRun refused = CliRun.of("embed", "--no-truncation", longText);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("text 1 has 402 tokens but all-MiniLM-L6-v2 takes at most 256");
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws IOException {
        CliRun missing = CliRun.of("forward", "--model", tmp.resolve("nope").toString(), "--ids", "1,2");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("neither a folder with config.json nor a built-in model")
                .doesNotContain("\tat ");

        CliRun badIds = CliRun.of("forward", "--model", golden("bert-seqcls").toString(), "--ids", "1,x");
        assertThat(badIds.exitCode()).isEqualTo(2);
        assertThat(badIds.err()).contains("--ids: expected comma-separated integers but found 'x'");

        CliRun tooLong = CliRun.of("forward", "--model", golden("bert-seqcls").toString(), "--ids",
                "1,".repeat(70) + "1");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("71 tokens is longer than max_position_embeddings = 64");

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(golden("bert-seqcls").resolve("config.json"), broken.resolve("config.json"));
        byte[] weights = Files.readAllBytes(golden("bert-seqcls").resolve("model.safetensors"));
        Files.write(broken.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
        CliRun truncated = CliRun.of("forward", "--model", broken.toString(), "--ids", "1,2");
        assertThat(truncated.exitCode()).isEqualTo(2);
        assertThat(truncated.err()).contains("model.safetensors").contains("truncated?").doesNotContain("\tat ");
        assertThat(truncated.err().strip().lines()).hasSize(1);

        CliRun debug = CliRun.of("forward", "--debug", "--model", broken.toString(), "--ids", "1,2");
        assertThat(debug.err()).contains("\tat ");

        CliRun unknownOption = CliRun.of("embed", "--bogus");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'").contains("Try 't4j embed --help'.");
        CliRun nested = CliRun.of("train", "causal-lm", "--bogus");
        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.err()).contains("Try 't4j train causal-lm --help'.");
        CliRun top = CliRun.of("--bogus");
        assertThat(top.err()).contains("Try 't4j --help'.");
    }
}
