package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CLI's own classpath has no benchmarks: {@code t4j bench} is listed and says how to run them. */
class BenchLauncherCommandTest {

    @Test
    void helpListsBench() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).containsPattern("(?m)^\\s+bench\\s+Benchmarks, beside ONNX Runtime");
    }

    @Test
    void benchWithoutTheBenchModuleSaysToUseTheLauncher() {
        CliRun r = CliRun.of("bench", "gemm", "--m", "16");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("t4j bench: the benchmarks are not on this classpath; run them with the"
                + " launcher, './t4j bench gemm --m 16', which builds the bench module and adds it");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void benchCommandsAreNotOnTheCliClasspath() {
        assertThat(getClass().getClassLoader().getResource("dev/transformers4j/bench/BenchCommand.class")).isNull();
        assertThat(getClass().getClassLoader().getResource("ai/onnxruntime/OrtEnvironment.class")).isNull();
    }
}
