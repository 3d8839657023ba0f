package dev.transformers4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.testing.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API endpoint over real HTTP on the golden HF checkpoints, compared with HF's outputs for the same ids:
 * attention probabilities, hidden states, last-position logits, greedy generation.
 */
class ExplorerApiGoldenTest {

    @TempDir
    static Path tmp;
    static ExplorerServer server;
    static ExplorerClient client;

    @BeforeAll
    static void start() {
        server = ExplorerServer.start(ExplorerSettings.anyPort(
                List.of(GoldenFolders.folder(tmp, "gpt2-lm"), GoldenFolders.folder(tmp, "bert-mlm"),
                        GoldenFolders.folder(tmp, "marian-mt"))));
        client = new ExplorerClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode gpt2Case() {
        return Golden.testCase(Golden.json("gpt2-lm.json"), "single_short");
    }

    @Test
    void modelsListsTheBuiltinsThenTheFolders() {
        var a = client.get("/api/models");
        assertThat(a.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        a.json().get("models").forEach(m -> names.add(m.get("name").asText() + "/" + m.get("source").asText()
                + "/" + m.get("kind").asText()));
        assertThat(names).startsWith("all-MiniLM-L6-v2/builtin/encoder")
                .endsWith("gpt2-lm/folder/decoder", "bert-mlm/folder/encoder", "marian-mt/folder/encoder-decoder");
    }

    @Test
    void tokenizeGivesTheTokensAndIds() {
        var a = client.post("/api/tokenize", Map.of("model", "gpt2-lm", "text", "w691 w622  w228"));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        assertThat(ints(a.json().get("ids"))).containsExactly(691, 622, 228);
        assertThat(a.json().get("tokens").toString()).isEqualTo("[\"w691\",\"w622\",\"w228\"]");
    }

    @Test
    void gpt2AttentionIsHfsPerLayerHeadMap() {
        JsonNode c = gpt2Case();
        var a = client.post("/api/attention", Map.of("model", "gpt2-lm", "text", GoldenFolders.text(Golden.ints(c.get("inputs").get("input_ids")))));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        assertThat(a.json().get("layers").asInt()).isEqualTo(2);
        assertThat(a.json().get("heads").asInt()).isEqualTo(4);
        assertThat(a.json().has("note")).isFalse();
        assertThat(a.json().get("causal").asBoolean()).isTrue();
        Golden.assertClose("attentions", tensor(a.json().get("attentions"), 2, 1, 4, 6, 6), c.get("outputs").get("attentions"));
    }

    @Test
    void bertAttentionIsHfsPerLayerHeadMap() {
        JsonNode c = Golden.testCase(Golden.json("bert-mlm.json"), "single_short");
        int[] ids = Golden.ints(c.get("inputs").get("input_ids"));
        var a = client.post("/api/attention", Map.of("model", "bert-mlm", "text", GoldenFolders.text(ids)));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        int t = ids.length;
        assertThat(a.json().get("causal").asBoolean()).isFalse();
        Golden.assertClose("attentions", tensor(a.json().get("attentions"), 2, 1, 4, t, t), c.get("outputs").get("attentions"));
    }

    @Test
    void marianShowsItsEncodersSelfAttention() {
        JsonNode c = Golden.testCase(Golden.json("marian-mt.json"), "single");
        int[] ids = Golden.ints(c.get("inputs").get("input_ids"));
        var a = client.post("/api/attention", Map.of("model", "marian-mt", "text", GoldenFolders.text(ids)));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        int t = ids.length;
        Golden.assertClose("encoder_attentions", tensor(a.json().get("attentions"), 2, 1, 4, t, t),
                c.get("outputs").get("encoder_attentions"));
    }

    @Test
    void hiddenStateNormsAndCosinesAreThoseOfHfsHiddenStates() {
        JsonNode c = gpt2Case();
        var a = client.post("/api/hidden-states", Map.of("model", "gpt2-lm", "text", GoldenFolders.text(Golden.ints(c.get("inputs").get("input_ids")))));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        float[] h = Golden.floats(c.get("outputs").get("hidden_states"));          // [3, 1, 6, 64]
        int layers = 3, t = 6, width = 64;
        for (int l = 0; l < layers; l++) {
            double meanNorm = 0, meanCos = 0;
            for (int i = 0; i < t; i++) {
                double norm = Math.sqrt(dot(h, (l * t + i) * width, (l * t + i) * width, width));
                double last = Math.sqrt(dot(h, (2 * t + i) * width, (2 * t + i) * width, width));
                meanNorm += norm / t;
                meanCos += dot(h, (l * t + i) * width, (2 * t + i) * width, width) / (norm * last) / t;
            }
            assertThat(a.json().get("mean_norms").get(l).asDouble()).isCloseTo(meanNorm, within(1e-4 * meanNorm));
            assertThat(a.json().get("cosine_to_final").get(l).asDouble()).isCloseTo(meanCos, within(1e-4));
        }
        assertThat(a.json().get("cosine_to_final").get(2).asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(a.json().get("names").toString()).isEqualTo("[\"wte + wpe\",\"h.0\",\"h.1 + ln_f\"]");
    }

    @Test
    void nextTokenIsTheSoftmaxOfHfsLastLogits() {
        JsonNode c = gpt2Case();
        var a = client.post("/api/next-token", Map.of("model", "gpt2-lm", "top_k", 5,
                "text", GoldenFolders.text(Golden.ints(c.get("inputs").get("input_ids")))));
        assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
        float[] logits = Golden.floats(c.get("outputs").get("logits"));           // [1, 6, 1000]
        double[] last = new double[1000];
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int v = 0; v < 1000; v++) {
            last[v] = logits[5 * 1000 + v];
            max = Math.max(max, last[v]);
        }
        for (double z : last) {
            sum += Math.exp(z - max);
        }
        JsonNode top = a.json().get("top");
        assertThat(top).hasSize(5);
        for (int r = 0; r < 5; r++) {
            int id = top.get(r).get("id").asInt();
            int rank = 0;
            for (double z : last) {
                rank += z > last[id] ? 1 : 0;
            }
            assertThat(rank).as("rank of candidate " + r).isEqualTo(r);
            assertThat(top.get(r).get("token").asText()).isEqualTo("w" + id);
            assertThat(top.get(r).get("probability").asDouble()).isCloseTo(Math.exp(last[id] - max) / sum, within(1e-5));
        }
    }

    @Test
    void greedyGenerationStreamsHfsTokensOneEventEach() {
        JsonNode c = Golden.json("gpt2-lm.generate.json").get("generate_cases").get(0);
        assertThat(c.get("name").asText()).isEqualTo("greedy_single");
        int[] prompt = Golden.ints(c.get("inputs").get("input_ids"));
        int[] sequence = Golden.ints(c.get("outputs").get("sequences"));
        int[] expected = java.util.Arrays.copyOfRange(sequence, prompt.length, sequence.length);
        var events = client.events("/api/generate", Map.of("model", "gpt2-lm", "prompt", GoldenFolders.text(prompt),
                "max_new_tokens", expected.length));
        List<Integer> streamed = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (var e : events.subList(0, events.size() - 1)) {
            assertThat(e.name()).isEqualTo("token");
            streamed.add(e.data().get("id").asInt());
            text.append(e.data().get("text").asText());
        }
        ExplorerClient.Event done = events.get(events.size() - 1);
        assertThat(done.name()).isEqualTo("done");
        assertThat(streamed).containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Integer[]::new));
        assertThat(ints(done.data().get("new_ids"))).containsExactly(expected);
        assertThat(done.data().get("text").asText()).isEqualTo(GoldenFolders.text(expected)).isEqualTo(text.toString());
    }

    @Test
    void seededSamplingRepeatsAndBeamsSendTheBestSequence() {
        Map<String, Object> sample = Map.of("model", "gpt2-lm", "prompt", "w1 w2 w3", "max_new_tokens", 8,
                "temperature", 1.5, "top_k", 50, "top_p", 0.9, "seed", 11);
        var first = client.events("/api/generate", sample);
        assertOneTokenEventPerNewId(first);
        assertThat(client.events("/api/generate", sample).toString()).isEqualTo(first.toString());
        var beams = client.events("/api/generate", Map.of("model", "gpt2-lm", "prompt", "w1 w2 w3",
                "max_new_tokens", 6, "num_beams", 3));
        assertOneTokenEventPerNewId(beams);
    }

    /** token events, then done; their ids are done's new_ids (at least one, since a sequence ends only at EOS). */
    static void assertOneTokenEventPerNewId(List<ExplorerClient.Event> events) {
        ExplorerClient.Event done = events.getLast();
        assertThat(done.name()).isEqualTo("done");
        List<Integer> ids = events.subList(0, events.size() - 1).stream()
                .peek(e -> assertThat(e.name()).isEqualTo("token")).map(e -> e.data().get("id").asInt()).toList();
        assertThat(ids).isNotEmpty().containsExactly(java.util.Arrays.stream(ints(done.data().get("new_ids")))
                .boxed().toArray(Integer[]::new));
    }

    static double dot(float[] h, int a, int b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) h[a + i] * h[b + i];
        }
        return s;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A nested JSON array flattened into a tensor of {@code shape}. */
    static Tensor tensor(JsonNode nested, int... shape) {
        List<Float> values = new ArrayList<>();
        flatten(nested, values);
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return Tensor.of(data, shape);
    }

    private static void flatten(JsonNode n, List<Float> out) {
        if (n.isArray()) {
            n.forEach(x -> flatten(x, out));
        } else {
            out.add((float) n.asDouble());
        }
    }
}
