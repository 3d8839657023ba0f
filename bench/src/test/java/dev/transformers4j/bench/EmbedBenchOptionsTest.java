package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j bench embed}'s bad input, the int8 ONNX model's lookup and the allocation counter; nothing is timed. */
class EmbedBenchOptionsTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anUnknownDtypeIsOneLineNamingTheAllowedValuesAndExitCode2() {
        Run r = run("bench", "embed", "--dtype", "int4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo("t4j: --dtype: expected one of float32, int8, bf16 but was 'int4'");
    }

    @Test
    void aMissingInt8OnnxFileIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 2000}");
        Files.write(dir.resolve("model.onnx"), new byte[] {1});
        Path missing = dir.resolve("nope-int8.onnx");
        Run r = run("bench", "embed", "--model", dir.toString(), "--onnx-int8", missing.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> !l.startsWith("bench:")).toList())
                .containsExactly("t4j bench embed: --onnx-int8 " + missing + ": no such file");
    }

    @Test
    void theInt8ModelIsTheGivenFileOrLangchain4jsQuantisedMiniLm(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("q.onnx"), new byte[] {7, 8});
        assertThat(OnnxGraph.int8("anything", dir, dir.resolve("q.onnx").toString()).bytes()).containsExactly(7, 8);
        OnnxGraph shipped = OnnxGraph.int8("all-MiniLM-L6-v2", dir, "");
        assertThat(shipped.origin()).isEqualTo("classpath:all-minilm-l6-v2-q.onnx");
        assertThat(shipped.bytes().length).isGreaterThan(1_000_000);
        assertThatThrownBy(() -> OnnxGraph.int8("bge-small-en-v1.5", dir, ""))
                .hasMessage("--onnx-int8: give the int8 ONNX FILE of bge-small-en-v1.5 (a built-in one ships only for"
                        + " all-MiniLM-L6-v2)");
    }

    @Test
    void allocationIsCountedOnTheCallerAndOnAPoolThread() throws Exception {
        int bytes = 8_000_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> { }).get();                        // the pool's thread exists before counting, as a backend's
            double callerOnly = HeapAllocation.megabytesPerRun(() -> sink = new byte[bytes], 3);
            double both = HeapAllocation.megabytesPerRun(() -> {
                java.util.concurrent.Future<?> f = pool.submit(() -> sink = new byte[bytes]);
                sink = new byte[bytes];
                try {
                    f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, 3);
            assertThat(callerOnly).isBetween(8.0, 8.5);
            assertThat(both).isBetween(16.0, 16.5);
        } finally {
            pool.shutdownNow();
        }
    }

    private static volatile Object sink;
}
