package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import dev.transformers4j.pipelines.data.LabelSet;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j classify} and {@code t4j evaluate} on all-MiniLM-L6-v2 with a new sentiment head (as
 * {@code t4j train text-classification} starts from): the exact JSON shapes, label names from id2label, and an
 * accuracy checked against predictions computed here from the model's logits.
 */
class ClassifyCliTest {

    static final List<String> TEXTS = List.of("a gorgeous , witty , seductive movie .", "bad .",
            "the plot is nothing but boilerplate clichés from start to finish ,",
            "it's a charming and often affecting journey . ", "lifeless and dull", "a triumph .");

    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void buildClassifier() throws IOException {
        System.setProperty("t4j.home", CliRun.HOME.toString());
        Path encoder = ModelResolver.resolve("all-MiniLM-L6-v2");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Files.copy(encoder.resolve("model.safetensors"), staging.resolve("model.safetensors"));
        BertConfig config = BertConfig.read(encoder.resolve("config.json"))
                .withHead("BertForSequenceClassification", LabelSet.of(LabelSet.SENTIMENT).id2label());
        ConfigJson.write(staging.resolve("config.json"), config.toJson());
        model = Files.createDirectories(tmp.resolve("minilm-sentiment"));
        BertForSequenceClassification.fromPretrained(staging).savePretrained(model);   // new head, HF init
        Files.copy(encoder.resolve("tokenizer.json"), model.resolve("tokenizer.json"));
    }

    @Test
    void classifyJsonIsOnePredictionPerTextInOrder() {
        List<String> args = new ArrayList<>(List.of("classify", "--model", model.toString(), "--json"));
        args.addAll(TEXTS);
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).matches("\\{\"predictions\":\\[(\\{\"label\":\"(negative|positive)\",\"score\":[0-9.E-]+},?){6}]}\\R");
        JsonNode predictions = r.json().get("predictions");
        var expected = TextClassificationPipeline.load(model.toString()).classify(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(predictions.get(i).get("label").asText()).isEqualTo(expected.get(i).label());
            assertThat(predictions.get(i).get("score").asDouble()).isCloseTo(expected.get(i).score(), within(1e-6));
            assertThat(predictions.get(i).get("score").asDouble()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void classifyReadsAnInputFileAndPrintsLabelScoreText() throws IOException {
        Path input = Files.write(tmp.resolve("texts.txt"), List.of("bad .", "", "a triumph ."));
        CliRun r = CliRun.of("classify", "--model", model.toString(), "--input", input.toString(), "--all-scores");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).matches("(negative|positive)\t0\\.\\d{4}\tbad \\.");
        assertThat(lines[1]).matches("  negative\t0\\.\\d{4}");
        assertThat(lines[3]).endsWith("\ta triumph .");
    }

    @Test
    void evaluateJsonIsTheAccuracyOverTheFile() throws IOException {
        int[] predicted = predictFromLogits(TEXTS);
        StringBuilder tsv = new StringBuilder("text\tlabel\n");
        int correct = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            int label = i % 3 == 2 ? 1 - predicted[i] : predicted[i];      // every third one wrong
            correct += label == predicted[i] ? 1 : 0;
            tsv.append(TEXTS.get(i)).append('\t').append(i % 2 == 0 ? String.valueOf(label) : LabelSet.SENTIMENT.get(label))
                    .append('\n');
        }
        Path data = Files.writeString(tmp.resolve("dev.tsv"), tsv);
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"accuracy\":" + (double) correct / TEXTS.size() + ",\"n\":" + TEXTS.size() + "}"
                + System.lineSeparator());
        assertThat(correct).isEqualTo(4);
    }

    /** The argmax of the model's logits, text by text, without the pipeline. */
    private static int[] predictFromLogits(List<String> texts) {
        PretrainedModel m = AutoModel.fromPretrained(model);
        Tokenizer tokenizer = Tokenizer.fromFile(model.resolve("tokenizer.json"));
        int[] out = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = tokenizer.encode(texts.get(i));
            float[] logits = m.forward(TokenBatch.of(e.ids()), ForwardOptions.DEFAULT).logits().toArray();
            out[i] = logits[1] > logits[0] ? 1 : 0;
        }
        return out;
    }

    @Test
    void evaluateNamesTheFileAndLineOfABadRow() throws IOException {
        Path data = Files.writeString(tmp.resolve("bad.tsv"), "text\tlabel\ngood\t1\nhmm\tmaybe\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("t4j evaluate: " + data + ":3: unknown label 'maybe' (expected a class number 0..1"
                + " or one of [negative, positive])");
    }

    @Test
    void evaluateNeedsData() {
        CliRun r = CliRun.of("evaluate", "--model", model.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to evaluate: give --input FILE.tsv");
    }

    @Test
    void longTextsAreTruncatedWithAWarningOrRefused() {
        String text = TEXTS.get(2);
        CliRun cut = CliRun.of("classify", "--model", model.toString(), "--max-length", "8", text);
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(cut.err()).contains("truncated to the 8");
        CliRun refused = CliRun.of("classify", "--model", model.toString(), "--max-length", "8", "--no-truncation", text);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("takes at most 8 (truncation is off)");
    }

    @Test
    void aModelWithoutClassificationHeadIsAClearError() {
        CliRun r = CliRun.of("classify", "--model", "all-MiniLM-L6-v2", "hello");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("BertModel has no sequence-classification head");
    }
}
