package dev.transformers4j.simd;

import static dev.transformers4j.simd.MatmulSweepTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Every vector kernel gives the same bits whatever the JIT has done so far (a second JVM interpreting everything,
 * {@code -Xint}, or stopping at C1, against this one after warm-up), whatever the thread count and run after run.
 * Each case runs one kernel on fixed random operands (odd sizes: vector main loops and scalar tails) and records a
 * CRC of the raw bits of what it wrote.
 */
class KernelDeterminismTest {

    /** One kernel call on fresh operands, returning the array it wrote. */
    private record Case(String name, java.util.function.Function<Kernels, float[]> run) {
    }

    /** Prints {@code name crc} for every small case on one thread (run by the tests in other JVMs). */
    public static void main(String[] args) {
        fingerprints(new VectorKernels(1), smallCases()).forEach((name, crc) -> System.out.println(name + " " + crc));
    }

    @Test
    void sameBitsInterpretedC1AndC2Compiled() throws IOException, InterruptedException {
        List<Case> cases = smallCases();
        VectorKernels kernels = new VectorKernels(1);
        Map<String, String> first = fingerprints(kernels, cases);
        for (int i = 0; i < 20_000; i++) {   // C2 compiles every loop well before this
            for (Case c : cases) {
                c.run().apply(kernels);
            }
        }
        Map<String, String> warm = fingerprints(kernels, cases);
        assertThat(warm).as("after 20k calls vs the first calls of this JVM").isEqualTo(first);
        assertThat(otherJvm("-Xint")).as("interpreted JVM vs this one after warm-up").isEqualTo(warm);
        assertThat(otherJvm("-XX:TieredStopAtLevel=1")).as("C1-only JVM vs this one after warm-up").isEqualTo(warm);
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        List<Case> cases = largeCases();
        Map<String, String> one = fingerprints(new VectorKernels(1), cases);
        Map<String, String> two = fingerprints(new VectorKernels(2), cases);
        assertThat(two).isEqualTo(one);
        assertThat(fingerprints(new VectorKernels(2), cases)).as("run to run").isEqualTo(two);
        assertThat(fingerprints(new VectorKernels(3), cases)).as("three threads on two cores").isEqualTo(one);
        List<Case> small = smallCases();
        assertThat(fingerprints(new VectorKernels(2, 0), small)).as("every element-wise kernel split, small sizes")
                .isEqualTo(fingerprints(new VectorKernels(1), small));
        assertThat(fingerprints(new VectorKernels(3, 0), cases)).as("every element-wise kernel split in three")
                .isEqualTo(one);
    }

    /** The fingerprints of {@code main} in another JVM on this classpath with {@code flag}. */
    private static Map<String, String> otherJvm(String flag) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), flag, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), KernelDeterminismTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the %s JVM finished", flag).isTrue();
        assertThat(p.exitValue()).as("exit code of the %s JVM", flag).isZero();
        Map<String, String> result = new LinkedHashMap<>();
        out.lines().map(l -> l.split(" ")).forEach(f -> result.put(f[0], f[1]));
        return result;
    }

    private static Map<String, String> fingerprints(Kernels kernels, List<Case> cases) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Case c : cases) {
            CRC32 crc = new CRC32();
            for (float f : c.run().apply(kernels)) {
                int bits = Float.floatToRawIntBits(f);
                crc.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >>> 24)});
            }
            result.put(c.name(), Long.toHexString(crc.getValue()));
        }
        return result;
    }

    /** Sizes an interpreter gets through in seconds; every kernel, main loops and tails. */
    private static List<Case> smallCases() {
        List<Case> cases = new ArrayList<>();
        elementwise(cases, 3, 37, 771);
        matmuls(cases, 7, 37, 65);
        cases.add(new Case("gemv-1x65x771", k -> product(k, 1, 65, 771, true)));
        cases.add(new Case("gemv-1x70x37-plain", k -> product(k, 1, 70, 37, false)));
        return cases;
    }

    /** Sizes past every threshold at which a kernel splits its work over the threads. */
    private static List<Case> largeCases() {
        List<Case> cases = new ArrayList<>();
        elementwise(cases, 41, 1003, 100_003);
        matmuls(cases, 203, 301, 157);                                                 // rows split
        cases.add(new Case("sgemm-columns-20x700x300", k -> product(k, 20, 700, 300, true)));
        cases.add(new Case("gemv-1x1536x771", k -> product(k, 1, 1536, 771, true)));
        cases.add(new Case("gemv-1x1539x700-plain", k -> product(k, 1, 1539, 700, false)));
        cases.add(new Case("batched-48x1x131x64", k -> batched(k, 48, 1, 131, 64, true)));   // a decode step's heads
        cases.add(new Case("batched-24x65x65x32", k -> batched(k, 24, 65, 65, 32, false)));
        return cases;
    }

    private static void elementwise(List<Case> cases, int rows, int cols, int n) {
        cases.add(new Case("softmax-" + rows + "x" + cols, k -> apply(rows * cols + 3, 20, x -> {
            x[cols + 2] = Float.NEGATIVE_INFINITY;
            k.softmaxRows(x, 1, rows, cols);
        })));
        cases.add(new Case("layerNorm-" + rows + "x" + cols, k -> {
            Random rnd = new Random(cols);
            float[] x = random(rnd, rows * cols + 1), y = new float[rows * cols + 2];
            k.layerNorm(x, 1, y, 2, rows, cols, random(rnd, cols), random(rnd, cols), 1e-12f);
            return y;
        }));
        cases.add(new Case("geluErf-" + n, k -> apply(n, 12, x -> k.geluErf(x, 0, n))));
        cases.add(new Case("geluTanh-" + n, k -> apply(n, 12, x -> k.geluTanh(x, 0, n))));
        float[] g = random(new Random(n + 1), n + 5);
        cases.add(new Case("geluErfBackward-" + n, k -> apply(n, 12, x -> k.geluErfBackward(x.clone(), 0, x, 0, n))));
        cases.add(new Case("geluTanhBackward-" + n, k -> apply(n, 12, x -> k.geluTanhBackward(g, 2, x, 0, n))));
        cases.add(new Case("mul-add-scale-" + n, k -> apply(n, 1, x -> {
            k.mul(x, 0, g, 1, x, 0, n);
            k.addInPlace(x, 0, g, 3, n);
            k.scale(x, 0, n, 0.37f);
        })));
        cases.add(new Case("addRowVector-" + rows + "x" + cols, k -> apply(rows * cols, 1,
                x -> k.addRowVector(x, 0, rows, cols, g, 1))));
        cases.add(new Case("dot-" + n, k -> new float[] {k.dot(g, 0, g, 5, n), k.dot(g, 1, g, 2, cols)}));
    }

    private static void matmuls(List<Case> cases, int m, int n, int k) {
        cases.add(new Case("sgemm-" + m + "x" + n + "x" + k, ks -> product(ks, m, n, k, true)));
        cases.add(new Case("sgemm-plain-" + m + "x" + n + "x" + k, ks -> product(ks, m, n, k, false)));
        cases.add(new Case("transA-" + m + "x" + n + "x" + k, ks -> {
            Random rnd = new Random(m);
            float[] a = random(rnd, k * m), b = random(rnd, k * n), c = random(rnd, m * n);
            ks.matmulTransA(m, n, k, a, 0, m, b, 0, n, c, 0, n, true);
            return c;
        }));
        cases.add(new Case("batched-3x" + m + "x" + n + "x" + k, ks -> batched(ks, 3, m, n, k, true)));
    }

    private static float[] apply(int n, float scale, Consumer<float[]> op) {
        float[] x = random(new Random(n), n + 3);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        op.accept(x);
        return x;
    }

    private static float[] product(Kernels kernels, int m, int n, int k, boolean transB) {
        Random rnd = new Random(31L * m + n + k);
        float[] a = random(rnd, m * k), b = random(rnd, n * k), c = random(rnd, m * n + 1);
        kernels.matmul(m, n, k, a, 0, k, b, 0, transB ? k : n, transB, c, 1, n, false);
        return c;
    }

    private static float[] batched(Kernels kernels, int batch, int m, int n, int k, boolean transB) {
        Random rnd = new Random(batch);
        float[] a = random(rnd, batch * m * k), b = random(rnd, batch * n * k), c = new float[batch * m * n];
        int[] aOffs = new int[batch], bOffs = new int[batch], cOffs = new int[batch];
        for (int i = 0; i < batch; i++) {
            aOffs[i] = i * m * k;
            bOffs[i] = i * n * k;
            cOffs[i] = i * m * n;
        }
        kernels.matmulBatched(batch, m, n, k, a, aOffs, k, b, bOffs, transB ? k : n, transB, c, cOffs, n);
        return c;
    }
}
