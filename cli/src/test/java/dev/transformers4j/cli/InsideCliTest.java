package dev.transformers4j.cli;

import static dev.transformers4j.cli.AttentionCliTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j hidden-states}, {@code next-token} and {@code logit-lens}: HF's golden logits give the expected next
 * tokens; the lens's last row is the model's own prediction; a GPT-2 folder with the real tokenizer reads text.
 */
class InsideCliTest {

    static final String BERT = CliTest.golden("bert-mlm").toString();
    static final String GPT2 = CliTest.golden("gpt2-lm").toString();

    @TempDir
    static Path tmp;
    static Path withTokenizer;

    /** A small random GPT-2 with GPT-2's real byte-level BPE tokenizer (50257 tokens). */
    @BeforeAll
    static void makeModel() throws IOException {
        withTokenizer = tmp.resolve("tiny-gpt2");
        GPT2Config config = GPT2Config.small().toBuilder().nPositions(64).nEmbd(32).nLayer(2).nHead(4).nInner(64)
                .initializerRange(0.2).build();
        GPT2LMHeadModel m = new GPT2LMHeadModel(config);
        Init.initialize(m, m.namedParameters().keySet(), config.initializerRange(), 11);
        m.savePretrained(withTokenizer);
        try (InputStream in = InsideCliTest.class.getResourceAsStream("/golden/gpt2.tokenizer.json")) {
            assertThat(in).as("gpt2.tokenizer.json from the tokenizers test resources").isNotNull();
            Files.copy(in, withTokenizer.resolve("tokenizer.json"));
        }
    }

    /** HF's single_long case: 40 token ids and the logits of its last position. */
    static String longIds() throws IOException {
        return AttentionCliTest.join(CliTest.goldenJson("gpt2-lm.json").get("cases").get(1).get("inputs")
                .get("input_ids").get("data"));
    }

    @Test
    void nextTokenIsHuggingFacesTopK() throws IOException {
        CliRun r = CliRun.of("next-token", "--model", GPT2, "--ids", longIds(), "--top-k", "5", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode top = r.json().get("top");
        assertThat(top).extracting(t -> t.get("id").asInt()).containsExactly(385, 475, 572, 848, 236);
        assertThat(top.get(0).get("token").asText()).isEqualTo("#385");
        CliRun table = CliRun.of("next-token", "--model", GPT2, "--ids", longIds(), "--top-k", "2");
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).matches(" +1 +385 +\"#385\" +0\\.\\d{4}");
    }

    @Test
    void logitLensLastRowIsTheModelsPrediction() throws IOException {
        CliRun next = CliRun.of("next-token", "--model", GPT2, "--ids", longIds(), "--top-k", "3", "--json");
        CliRun lens = CliRun.of("logit-lens", "--model", GPT2, "--ids", longIds(), "--json");
        assertThat(lens.exitCode()).as(lens.err()).isZero();
        JsonNode j = lens.json();
        assertThat(j.get("positions")).extracting(JsonNode::asInt).containsExactly(39);
        assertThat(j.get("rows")).extracting(row -> row.get("name").asText())
                .containsExactly("wte + wpe", "h.0", "h.1 + ln_f");
        // the same ids and tokens; probabilities to float rounding (the vector kernels' exp may differ in the last
        // bit between an interpreted and a JIT-compiled call, so two forward passes need not agree bit for bit)
        JsonNode lensTop = j.get("rows").get(2).get("predictions").get(0);
        JsonNode nextTop = next.json().get("top");
        assertThat(lensTop).hasSameSizeAs(nextTop);
        for (int i = 0; i < nextTop.size(); i++) {
            assertThat(lensTop.get(i).get("id")).isEqualTo(nextTop.get(i).get("id"));
            assertThat(lensTop.get(i).get("token")).isEqualTo(nextTop.get(i).get("token"));
            assertThat(lensTop.get(i).get("probability").asDouble())
                    .isCloseTo(nextTop.get(i).get("probability").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        }
        CliRun table = CliRun.of("logit-lens", "--model", GPT2, "--ids", "691,622,228", "--all-positions",
                "--top-k", "1");
        assertThat(table.out().lines().toList()).hasSize(4);
        assertThat(table.out().lines().findFirst().orElseThrow())
                .matches("hidden state +0 \"#691\" +1 \"#622\" +2 \"#228\"");
    }

    @Test
    void textPromptsAreTokenizedAndPredictionsDecoded() {
        CliRun r = CliRun.of("next-token", "--model", withTokenizer.toString(), "Hello world", "--top-k", "10", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("tokens")).extracting(JsonNode::asText).containsExactly("Hello", "Ġworld");
        assertThat(j.get("ids")).extracting(JsonNode::asInt).containsExactly(15496, 995);
        double previous = 1;
        for (JsonNode p : j.get("top")) {
            assertThat(p.get("probability").asDouble()).isBetween(0.0, previous);
            previous = p.get("probability").asDouble();
            assertThat(p.get("text").asText()).isEqualTo(p.get("token").asText().replace('Ġ', ' ')
                    .replace('Ċ', '\n'));
        }
        CliRun lens = CliRun.of("logit-lens", "--model", withTokenizer.toString(), "Hello world");
        assertThat(lens.exitCode()).as(lens.err()).isZero();
        assertThat(lens.out()).startsWith("last position 1: \"Ġworld\"");
    }

    @Test
    void hiddenStatesTableJsonAndChart() throws IOException {
        CliRun r = CliRun.of("hidden-states", "--model", BERT, "--ids", "101,723,103,102", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode layers = r.json().get("layers");
        assertThat(layers).extracting(l -> l.get("name").asText())
                .containsExactly("embeddings", "encoder.layer.0", "encoder.layer.1");
        assertThat(layers.get(2).get("cosine_to_final").asDouble()).isCloseTo(1.0, Offset.offset(1e-6));
        Path png = tmp.resolve("hidden.png");
        CliRun table = CliRun.of("hidden-states", "--model", BERT, "--ids", "101,723,103,102", "--out", png.toString());
        assertThat(table.out()).startsWith("hidden state").contains("encoder.layer.1").endsWith("wrote " + png
                + System.lineSeparator());
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void badInput() {
        assertError(CliRun.of("logit-lens", "--model", BERT, "--ids", "101,102"), "t4j logit-lens: " + BERT
                + ": the logit lens needs a decoder-only language model (GPT2LMHeadModel) but this is BertForMaskedLM");
        assertError(CliRun.of("next-token", "--model", GPT2, "--ids", "1", "--top-k", "0"),
                "t4j next-token: --top-k 0: expected at least 1");
        assertError(CliRun.of("hidden-states", "--model", BERT, "--ids", "1", "--out", "chart.html"),
                "t4j hidden-states: chart.html: unknown extension '.html' (expected .png, .svg)");
        assertError(CliRun.of("next-token", "--model", GPT2), "t4j next-token: no input: give a TEXT (or --ids)");
    }
}
