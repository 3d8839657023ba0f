package dev.transformers4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get {@code {"error"}} naming the field, model, endpoint or method; a server that cannot start says why. */
class ExplorerApiErrorsTest {

    @TempDir
    static Path tmp;
    static ExplorerServer server;
    static ExplorerClient client;

    @BeforeAll
    static void start() {
        server = ExplorerServer.start(ExplorerSettings.anyPort(List.of(GoldenFolders.folder(tmp, "gpt2-lm"),
                GoldenFolders.folder(tmp, "bert-mlm"))));
        client = new ExplorerClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String error(ExplorerClient.Answer a, int status) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        return a.json().get("error").asText();
    }

    @Test
    void anUnknownModelIs404AndListsTheModels() {
        String e = error(client.post("/api/tokenize", Map.of("model", "gpt-5", "text", "x")), 404);
        assertThat(e).startsWith("model: unknown model 'gpt-5'").contains("gpt2-lm", "all-MiniLM-L6-v2");
    }

    @Test
    void missingAndMistypedFieldsAre400NamingTheField() {
        assertThat(error(client.post("/api/attention", Map.of("model", "gpt2-lm")), 400)).isEqualTo("text: missing (expected a string)");
        assertThat(error(client.post("/api/tokenize", Map.of("model", 3, "text", "x")), 400)).startsWith("model: expected a string");
        assertThat(error(client.post("/api/next-token", Map.of("model", "gpt2-lm", "text", "w1", "top_k", 0)), 400))
                .isEqualTo("top_k: expected a whole number in 1..1000 but was 0");
        assertThat(error(client.post("/api/generate", Map.of("model", "gpt2-lm", "prompt", "w1", "temperature", -1)), 400))
                .startsWith("temperature: expected a number in 0.0..100.0 but was -1");
        assertThat(error(client.post("/api/generate", Map.of("model", "gpt2-lm", "prompt", "w1", "num_beams", "4")), 400))
                .startsWith("num_beams: expected a whole number");
        assertThat(error(client.post("/api/generate", Map.of("model", "gpt2-lm", "text", "w1")), 400))
                .isEqualTo("prompt: missing (expected a string)");
        assertThat(error(client.post("/api/tokenize", Map.of("model", "gpt2-lm", "text", "")), 400))
                .isEqualTo("text: no tokens: give some text");
    }

    @Test
    void tooLongGenerationIsRefusedBeforeTheStreamStarts() {
        String e = error(client.post("/api/generate", Map.of("model", "gpt2-lm", "prompt", "w1 w2", "max_new_tokens", 200)), 400);
        assertThat(e).isEqualTo("max_new_tokens: the prompt's 2 tokens + 200 new ones exceed the model's 128 positions");
    }

    @Test
    void moreTokensThanADecoderHasPositionsNamesTheField() {
        String text = "w5 ".repeat(130);
        assertThat(error(client.post("/api/hidden-states", Map.of("model", "gpt2-lm", "text", text)), 400))
                .isEqualTo("text: 130 tokens but gpt2-lm reads at most 128 (n_positions)");
        assertThat(error(client.post("/api/generate", Map.of("model", "gpt2-lm", "prompt", text)), 400))
                .isEqualTo("prompt: 130 tokens but gpt2-lm reads at most 128 (n_positions)");
        var heatmap = client.post("/api/attention", Map.of("model", "gpt2-lm", "text", text));
        assertThat(heatmap.status()).isEqualTo(200);
        assertThat(heatmap.json().get("note").asText()).startsWith("the text has 130 tokens; the heatmap shows the first 64");
    }

    @Test
    void decoderOnlyEndpointsRefuseAnEncoder() {
        assertThat(error(client.post("/api/next-token", Map.of("model", "bert-mlm", "text", "w1")), 400))
                .isEqualTo("model: bert-mlm is an encoder (BertForMaskedLM): next-token needs a decoder such as GPT-2");
        assertThat(error(client.post("/api/generate", Map.of("model", "bert-mlm", "prompt", "w1")), 400))
                .startsWith("model: bert-mlm is an encoder");
    }

    @Test
    void badBodiesMethodsAndPaths() {
        assertThat(error(client.post("/api/tokenize", "{not json"), 400)).startsWith("request body: not JSON");
        assertThat(error(client.post("/api/tokenize", "[1, 2]"), 400)).startsWith("request body: expected a JSON object");
        assertThat(error(client.get("/api/tokenize"), 405)).isEqualTo("/api/tokenize: expected POST but was GET");
        assertThat(error(client.get("/api/nothing"), 404)).startsWith("no endpoint /api/nothing (endpoints: /api/models,");
        assertThat(client.get("/secret.txt").status()).isEqualTo(404);
    }

    @Test
    void aLongTextIsCutForTheHeatmapAndSaysSo() {
        String text = "w5 ".repeat(100);
        var a = client.post("/api/attention", Map.of("model", "gpt2-lm", "text", text));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("tokens")).hasSize(AnalysisEndpoints.MAX_HEATMAP_TOKENS);
        assertThat(a.json().get("attentions").get(0).get(0)).hasSize(AnalysisEndpoints.MAX_HEATMAP_TOKENS);
        assertThat(a.json().get("note").asText()).isEqualTo("the text has 100 tokens; the heatmap shows the first 64"
                + " (more would not be readable)");
    }

    @Test
    void aPortInUseOrAFolderWithoutConfigStopsTheStart() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> ExplorerServer.start(new ExplorerSettings("127.0.0.1", port, List.of())))
                    .isInstanceOf(ExplorerServerException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("in use");
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ExplorerServer.start(ExplorerSettings.anyPort(List.of(empty))))
                .isInstanceOf(ExplorerServerException.class)
                .hasMessage("--model " + empty + ": not a model folder (no config.json)");
        Path noTokenizer = Files.createDirectories(tmp.resolve("no-tokenizer"));
        Files.copy(Golden.dir("gpt2-lm").resolve("config.json"), noTokenizer.resolve("config.json"));
        assertThatThrownBy(() -> ExplorerServer.start(ExplorerSettings.anyPort(List.of(noTokenizer))))
                .isInstanceOf(ExplorerServerException.class)
                .hasMessage("--model " + noTokenizer + ": no tokenizer (tokenizer.json, or vocab.json + merges.txt): the"
                        + " explorer shows text as tokens; `t4j train tokenizer` can make one");
        assertThatThrownBy(() -> ExplorerServer.start(new ExplorerSettings("no-such-host.invalid", 0, List.of())))
                .isInstanceOf(ExplorerServerException.class).hasMessage("--host no-such-host.invalid: unknown host");
        assertThatThrownBy(() -> new ExplorerSettings("127.0.0.1", 70000, List.of()))
                .hasMessage("--port: expected 0..65535 (0 = any free port) but was 70000");
    }
}
