package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code t4j bench elementwise} and {@code t4j bench gemm --b-layout}, on tiny budgets. */
class KernelBenchCommandsTest {

    /** Runs {@code t4j args} with bench on the classpath; returns standard output, asserting exit code 0. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void elementwiseTimesEveryKernelOnBothBackends() {
        String out = run("bench", "elementwise", "--windows", "1", "--window-ms", "1");
        assertThat(out.lines()).hasSize(1 + ElementwiseBenchCommand.cases().size());
        for (ElementwiseBenchCommand.Case c : ElementwiseBenchCommand.cases()) {
            assertThat(out).containsPattern("(?m)^" + Pattern.quote(c.name())
                    + " +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d×$");
        }
    }

    @Test
    void gemmTimesBothLayoutsOfB() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("bench", "gemm", "--m", "3", "--backends", "reference",
                "--b-layout", "transposed,plain", "--path", "matmul", "--warmup", "0", "--repeats", "1", "--json"));
        JsonNode results = json.get("results");
        assertThat(results).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(results.get(i).get("trans_b").asBoolean()).isEqualTo(i < 3);
            assertThat(results.get(i).get("gflops").asDouble()).isPositive();
        }
    }

    @Test
    void gemmTimesThePreparedLinearBesideTheMatmul() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("bench", "gemm", "--m", "3", "--backends", "reference",
                "--path", "matmul,linear,matmul+bias+gelu,linear+bias+gelu", "--warmup", "0", "--repeats", "1", "--json"));
        JsonNode results = json.get("results");
        assertThat(results).hasSize(12);
        String[] paths = {"matmul", "linear", "matmul+bias+gelu", "linear+bias+gelu"};
        for (int i = 0; i < 12; i++) {
            assertThat(results.get(i).get("path").asText()).isEqualTo(paths[i % 4]);
            assertThat(results.get(i).get("gflops").asDouble()).isPositive();
        }
    }

    @Test
    void gemmRejectsAnUnknownPath() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "gemm", "--path", "fast"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--path: expected matmul, linear");
    }
}
