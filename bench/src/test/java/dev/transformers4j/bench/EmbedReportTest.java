package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedReportTest {

    private final EmbedReport report = new EmbedReport("all-MiniLM-L6-v2", 2,
            new EmbedFigures(30.0, 4.5, 20.25), new EmbedFigures(50.0, 3.0, 15.0));

    @Test
    void jsonIsOneLineWithTheIssuesFieldsInOrder() throws Exception {
        StringWriter s = new StringWriter();
        report.printJson(new PrintWriter(s));
        String text = s.toString();
        assertThat(text.strip()).doesNotContain("\n");
        JsonNode j = new ObjectMapper().readTree(text);
        assertThat(fieldNames(j)).containsExactly("model", "threads", "ours", "onnxruntime", "throughput_ratio");
        assertThat(fieldNames(j.get("ours"))).containsExactly("seq_per_s", "b1_t16_ms", "b1_t128_ms");
        assertThat(fieldNames(j.get("onnxruntime"))).containsExactly("seq_per_s", "b1_t16_ms", "b1_t128_ms");
        assertThat(j.get("model").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(j.get("threads").asInt()).isEqualTo(2);
        assertThat(j.get("ours").get("b1_t128_ms").asDouble()).isEqualTo(20.25);
        assertThat(j.get("throughput_ratio").asDouble()).isEqualTo(0.6);
    }

    @Test
    void tableShowsBothImplementationsAndTheRatio() {
        StringWriter s = new StringWriter();
        report.printTable(new PrintWriter(s), new MachineInfo("Some CPU", 2, "25", 16, 0.1), "medians");
        assertThat(s.toString()).contains("ours", "onnxruntime", "Some CPU, 2 cores", "16 floats (512-bit)",
                "throughput_ratio = 0.600");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
