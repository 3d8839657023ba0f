package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j attention}: the printed matrix is HF's (golden tiny BERT and GPT-2, token ids), pictures in the three
 * formats, the real MiniLM on the README's sentence, and one-line errors with exit code 2.
 */
class AttentionCliTest {

    static final String BERT = CliTest.golden("bert-mlm").toString();
    static final String GPT2 = CliTest.golden("gpt2-lm").toString();
    static final String SENTENCE = "The animal didn't cross the street because it was too tired.";

    @TempDir
    Path tmp;

    @Test
    void jsonIsHuggingFacesAttentionOfTheChosenHead() throws IOException {
        JsonNode c = CliTest.goldenJson("bert-mlm.json").get("cases").get(0);             // single_short, 7 tokens
        String ids = join(c.get("inputs").get("input_ids").get("data"));
        CliRun r = CliRun.of("attention", "--model", BERT, "--ids", ids, "--layer", "1", "--head", "2", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("tokens").get(0).asText()).isEqualTo("#101");
        assertThat(join(j.get("ids"))).isEqualTo(ids);
        assertThat(j.get("causal").asBoolean()).isFalse();
        JsonNode golden = c.get("outputs").get("attentions").get("data");                  // [2, 1, 4, 7, 7]
        for (int q = 0; q < 7; q++) {
            for (int k = 0; k < 7; k++) {
                double g = golden.get(((1 * 4 + 2) * 7 + q) * 7 + k).asDouble();
                assertThat(j.get("attention").get(q).get(k).asDouble()).isCloseTo(g, Offset.offset(1e-5 + 1e-4 * g));
            }
        }
    }

    @Test
    void gpt2IsCausalAndTheDefaultIsEveryHeadOfTheLastLayer() {
        CliRun r = CliRun.of("attention", "--model", GPT2, "--ids", "691,622,228,969,676", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("layer").asInt()).isEqualTo(1);
        assertThat(j.get("head").isNull()).isTrue();
        assertThat(j.get("causal").asBoolean()).isTrue();
        JsonNode heads = j.get("attention");                                                   // [H][T][T]
        assertThat(heads).hasSize(4);
        for (JsonNode head : heads) {
            for (int q = 0; q < 5; q++) {
                double sum = 0;
                for (int k = 0; k < 5; k++) {
                    double w = head.get(q).get(k).asDouble();
                    sum += w;
                    if (k > q) {
                        assertThat(w).as("query %d key %d", q, k).isZero();
                    }
                }
                assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
            }
        }
    }

    @Test
    void writesPngSvgAndHtml() throws Exception {
        Path png = tmp.resolve("grid.png");
        Path svg = tmp.resolve("head.svg");
        Path html = tmp.resolve("page.html");
        CliRun r = CliRun.of("attention", "--model", GPT2, "--ids", "1,2,3", "--out", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + png + " (3 tokens, layer 1, all 4 heads)" + System.lineSeparator());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isBetween(300, 1200);
        assertThat(CliRun.of("attention", "--model", GPT2, "--ids", "1,2,3", "--head", "0", "--out", svg.toString())
                .exitCode()).isZero();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains(">#1<", ">#2<", ">#3<");
        assertThat(CliRun.of("attention", "--model", GPT2, "--ids", "1,2,3", "--layer", "0", "--out", html.toString())
                .exitCode()).isZero();
        assertThat(Files.readString(html)).contains("\"text\":\"#3\"", "\"layer\":0", "\"head\":null", "mousemove");
    }

    @Test
    void realMiniLmLinksItToTheAnimal() throws IOException {
        Path png = tmp.resolve("minilm.png");
        CliRun r = CliRun.of("attention", "--model", "all-MiniLM-L6-v2", "--layer", "3", "--head", "1", SENTENCE,
                "--out", png.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("tokens")).extracting(JsonNode::asText).containsExactly("[CLS]", "the", "animal", "didn", "'",
                "t", "cross", "the", "street", "because", "it", "was", "too", "tired", ".", "[SEP]");
        JsonNode it = j.get("attention").get(10);
        int best = 1;
        for (int k = 1; k < 15; k++) {                                                         // words only
            best = it.get(k).asDouble() > it.get(best).asDouble() ? k : best;
        }
        assertThat(best).as("the word 'it' attends most to").isEqualTo(2);
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        assertThat(r.err()).contains("wrote " + png);
    }

    @Test
    void longTextsAreCutSayingWhat() {
        CliRun r = CliRun.of("attention", SENTENCE, "--max-tokens", "9", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("tokens")).hasSize(9);
        assertThat(r.err()).contains("attention: the text has 16 tokens, too many for a readable heatmap: showing the"
                + " first 9 (--max-tokens 9); cut: \"because it was too tired. [SEP]\"");
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1,2", "--layer", "2", "--json"),
                "t4j attention: --layer 2: expected 0..1 (" + GPT2 + " has 2 layers)");
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1,2", "--head", "-1", "--json"),
                "t4j attention: --head -1: expected 0..3 (" + GPT2 + " has 4 heads per layer)");
        Path jpg = tmp.resolve("map.jpg");
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1,2", "--out", jpg.toString()),
                "t4j attention: " + jpg + ": unknown extension '.jpg' (expected .png, .svg, .html)");
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1,2"),
                "t4j attention: nothing to do: give --out FILE.png|.svg|.html, or --json");
        assertError(CliRun.of("attention", "--model", GPT2, "hello", "--json"), "t4j attention: " + GPT2
                + ": the model folder has no tokenizer (tokenizer.json or vocab.json + merges.txt): give token ids"
                + " instead of text");
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1", "--max-tokens", "0", "--json"),
                "t4j attention: --max-tokens 0: expected at least 1");
    }

    @Test
    void anOutputUnderAFileIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path out = file.resolve("map.png");
        assertError(CliRun.of("attention", "--model", GPT2, "--ids", "1,2", "--out", out.toString()),
                "t4j attention: " + out + ": cannot write the picture: " + file + " is not a folder");
    }

    static void assertError(CliRun r, String line) {
        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(line + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    static String join(JsonNode array) {
        StringBuilder s = new StringBuilder();
        for (JsonNode x : array) {
            s.append(s.isEmpty() ? "" : ",").append(x.asInt());
        }
        return s.toString();
    }
}
