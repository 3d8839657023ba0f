package dev.transformers4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in all-MiniLM-L6-v2 (converted on first use into a T4J_HOME under target/) through the API: BERT's
 * uncased WordPiece ids, 6 layers × 12 heads of bidirectional attention, 7 hidden states.
 */
class ExplorerMiniLmTest {

    static ExplorerServer server;
    static ExplorerClient client;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("t4j.home", Files.createDirectories(Path.of("target", "t4j-home")).toAbsolutePath().toString());
        server = ExplorerServer.start(ExplorerSettings.anyPort(List.of()));
        client = new ExplorerClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenizeGivesBertUncasedIds() {
        var a = client.post("/api/tokenize", Map.of("model", "all-MiniLM-L6-v2", "text", "Hello world"));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        assertThat(a.json().get("tokens").toString()).isEqualTo("[\"[CLS]\",\"hello\",\"world\",\"[SEP]\"]");
        assertThat(ExplorerApiGoldenTest.ints(a.json().get("ids"))).containsExactly(101, 7592, 2088, 102);
    }

    @Test
    void attentionHasSixLayersOfTwelveHeadsWhoseRowsAreDistributions() {
        var a = client.post("/api/attention", Map.of("model", "all-MiniLM-L6-v2", "text", "The cat sat on the mat."));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        JsonNode maps = a.json().get("attentions");
        int t = a.json().get("tokens").size();
        assertThat(t).isEqualTo(9);
        assertThat(maps).hasSize(6);
        assertThat(a.json().get("heads").asInt()).isEqualTo(12);
        boolean attendsAhead = false;
        for (JsonNode layer : maps) {
            assertThat(layer).hasSize(12);
            for (JsonNode head : layer) {
                assertThat(head).hasSize(t);
                for (int q = 0; q < t; q++) {
                    double sum = 0;
                    for (int k = 0; k < t; k++) {
                        sum += head.get(q).get(k).asDouble();
                        attendsAhead |= k > q && head.get(q).get(k).asDouble() > 0.01;
                    }
                    assertThat(sum).isCloseTo(1.0, within(1e-4));
                }
            }
        }
        assertThat(attendsAhead).as("an encoder attends to later tokens too").isTrue();
    }

    @Test
    void hiddenStatesHaveTheEmbeddingsAndSixLayers() {
        var a = client.post("/api/hidden-states", Map.of("model", "all-MiniLM-L6-v2", "text", "Hello world"));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        assertThat(a.json().get("mean_norms")).hasSize(7);
        assertThat(a.json().get("names").get(6).asText()).isEqualTo("encoder.layer.5");
        assertThat(a.json().get("cosine_to_final").get(6).asDouble()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void theModelIsLoadedOnceAndReused() {
        var first = client.post("/api/tokenize", Map.of("model", "all-MiniLM-L6-v2", "text", "a"));
        var second = client.post("/api/tokenize", Map.of("model", "all-MiniLM-L6-v2", "text", "a"));
        assertThat(first.json()).isEqualTo(second.json());
    }
}
