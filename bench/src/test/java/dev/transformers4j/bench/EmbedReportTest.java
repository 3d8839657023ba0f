package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedReportTest {

    private static final EmbedFigures OURS = new EmbedFigures(30.0, 4.5, 20.25);
    private static final EmbedFigures ORT = new EmbedFigures(50.0, 3.0, 15.0);
    private static final EmbedFigures ORT_INT8 = new EmbedFigures(120.0, 1.5, 5.0);

    private final EmbedReport report = new EmbedReport("all-MiniLM-L6-v2", 2, "float32", OURS, ORT, 41.25,
            Double.NaN, null);
    private final EmbedReport int8Report = new EmbedReport("all-MiniLM-L6-v2", 2, "int8", OURS, ORT, 12.0,
            0.9934567891, ORT_INT8);

    @Test
    void jsonIsOneLineWithTheIssue2KeysFirstAndUnchangedThenTheAdditions() throws Exception {
        JsonNode j = json(report);
        assertThat(fieldNames(j)).containsExactly("model", "threads", "ours", "onnxruntime", "throughput_ratio",
                "dtype", "latency_ratio_b1_t16", "latency_ratio_b1_t128", "allocated_mb_per_pass");
        assertThat(fieldNames(j.get("ours"))).containsExactly("seq_per_s", "b1_t16_ms", "b1_t128_ms");
        assertThat(fieldNames(j.get("onnxruntime"))).containsExactly("seq_per_s", "b1_t16_ms", "b1_t128_ms");
        assertThat(j.get("model").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(j.get("threads").asInt()).isEqualTo(2);
        assertThat(j.get("ours").get("b1_t128_ms").asDouble()).isEqualTo(20.25);
        assertThat(j.get("throughput_ratio").asDouble()).isEqualTo(0.6);
        assertThat(j.get("dtype").asText()).isEqualTo("float32");
        assertThat(j.get("latency_ratio_b1_t16").asDouble()).as("ORT ms / ours ms").isEqualTo(0.667);
        assertThat(j.get("latency_ratio_b1_t128").asDouble()).isEqualTo(0.741);
        assertThat(j.get("allocated_mb_per_pass").asDouble()).isEqualTo(41.3);
    }

    @Test
    void anInt8RunAddsTheAccuracyCostAndOnnxRuntimesInt8Figures() throws Exception {
        JsonNode j = json(int8Report);
        assertThat(fieldNames(j)).containsExactly("model", "threads", "ours", "onnxruntime", "throughput_ratio",
                "dtype", "latency_ratio_b1_t16", "latency_ratio_b1_t128", "allocated_mb_per_pass",
                "min_cosine_vs_float32", "onnxruntime_int8", "throughput_ratio_vs_int8", "latency_ratio_b1_t16_vs_int8",
                "latency_ratio_b1_t128_vs_int8");
        assertThat(fieldNames(j.get("onnxruntime_int8"))).containsExactly("seq_per_s", "b1_t16_ms", "b1_t128_ms");
        assertThat(j.get("dtype").asText()).isEqualTo("int8");
        assertThat(j.get("min_cosine_vs_float32").asDouble()).isEqualTo(0.993457);
        assertThat(j.get("onnxruntime_int8").get("seq_per_s").asDouble()).isEqualTo(120.0);
        assertThat(j.get("throughput_ratio_vs_int8").asDouble()).as("ours / ORT int8 seq/s").isEqualTo(0.25);
        assertThat(j.get("latency_ratio_b1_t16_vs_int8").asDouble()).as("ORT int8 ms / ours ms").isEqualTo(0.333);
        assertThat(j.get("latency_ratio_b1_t128_vs_int8").asDouble()).isEqualTo(0.247);
    }

    @Test
    void anAllocationTheJvmCannotCountIsNullNotZero() throws Exception {
        JsonNode j = json(new EmbedReport("m", 1, "bf16", OURS, ORT, Double.NaN, 0.5, null));
        assertThat(j.get("allocated_mb_per_pass").isNull()).isTrue();
    }

    @Test
    void tableShowsBothImplementationsAndTheRatio() {
        StringWriter s = new StringWriter();
        report.printTable(new PrintWriter(s), new MachineInfo("Some CPU", 2, "25", 16, 0.1), "medians");
        assertThat(s.toString()).contains("ours", "onnxruntime", "Some CPU, 2 cores", "16 floats (512-bit)",
                "throughput_ratio = 0.600", "float32 weights", "41.3 MB").doesNotContain("ORT int8", "cosine");
    }

    @Test
    void tableOfAnInt8RunHasOnnxRuntimesInt8ColumnAndTheCosine() {
        StringWriter s = new StringWriter();
        int8Report.printTable(new PrintWriter(s), new MachineInfo("Some CPU", 2, "25", 16, 0.1), "medians");
        assertThat(s.toString()).contains("int8 weights", "ORT int8", "ours vs int8", "0.993457")
                .containsPattern("throughput 32×128 \\(seq/s\\) +30\\.0 +50\\.0 +0\\.60× +120\\.0 +0\\.25×")
                .containsPattern("latency 1×16 \\(ms\\) +4\\.50 +3\\.00 +0\\.67× +1\\.50 +0\\.33×");
    }

    private static JsonNode json(EmbedReport r) throws Exception {
        StringWriter s = new StringWriter();
        r.printJson(new PrintWriter(s));
        String text = s.toString();
        assertThat(text.strip()).doesNotContain("\n");
        return new ObjectMapper().readTree(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
