package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user who has the simd jar but forgets {@code --add-modules jdk.incubator.vector}: the default backend is the
 * reference one, and one WARN names the flag. Runs a second JVM on this classpath without the flag.
 */
class WithoutIncubatorModuleTest {

    /** Prints the name of the default backend (run by the test in a JVM without the incubator module). */
    public static void main(String[] args) {
        System.out.println(Backend.current().name());
    }

    @Test
    void theDefaultIsTheReferenceAndOneWarnNamesTheFlag() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WithoutIncubatorModuleTest.class.getName()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo(Backend.REFERENCE);
        assertThat(err.lines()).as(err).singleElement().asString()
                .contains("WARN").contains("reference kernels").contains("--add-modules jdk.incubator.vector");
    }
}
