package dev.transformers4j.simd;

import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.ReferenceKernels;
import java.util.Random;

/**
 * Hand-run GEMM throughput check (not a test): the best-of-10-windows GFLOP/s of the vector kernels at 1 and 2 threads and of the
 * reference kernels, on the shapes of BERT-small's linear layers.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp simd/target/classes:simd/target/test-classes:core/target/classes \
 *     dev.transformers4j.simd.SgemmBenchmark [seconds-per-case]</pre>
 */
public final class SgemmBenchmark {

    private static final int[][] SHAPES = { // m, n, k, transB (1/0)
        {4096, 384, 384, 1}, {4096, 1536, 384, 1}, {4096, 384, 1536, 1}, {4096, 384, 384, 0},
        {128, 384, 384, 1}, {1, 1536, 384, 1}, {1, 384, 1536, 1}, {1, 1536, 384, 0},
    };

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        boolean withReference = args.length < 2 || !args[1].equals("noref");
        Kernels[] backends = {new VectorKernels(1), new VectorKernels(2)};
        String only = System.getProperty("shapes", "");
        warmUp(backends[0]);
        for (int[] s : SHAPES) {
            if (!only.isEmpty() && !only.contains(s[0] + "x" + s[1] + "x" + s[2] + (s[3] == 1 ? "t" : "n"))) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("m=%-5d n=%-5d k=%-5d transB=%-5b",
                    s[0], s[1], s[2], s[3] == 1));
            for (Kernels kernels : backends) {
                line.append(String.format("  %s/%dt %7.1f", kernels.name(), ((VectorKernels) kernels).threads(),
                        gflops(kernels, s, seconds)));
            }
            // per CPU-second of the calling thread: a figure other processes on a shared machine disturb less
            line.append(String.format("  vector/1t-cpu %7.1f", cpuGflops(backends[0], s, seconds)));
            if (withReference) {
                line.append(String.format("  reference %6.2f", gflops(new ReferenceKernels(), s, seconds / 4)));
            }
            System.out.println(line + "  GFLOP/s");
        }
    }

    /** Gets the kernels compiled by C2 on small products before anything is timed. */
    private static void warmUp(Kernels kernels) {
        for (int[] s : new int[][] {{64, 64, 64, 1}, {64, 64, 64, 0}, {1, 256, 64, 1}, {1, 256, 64, 0}}) {
            gflops(kernels, s, 0.5);
        }
    }

    static double cpuGflops(Kernels kernels, int[] shape, double seconds) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
        int calls = 0;
        Runnable call = product(kernels, shape);
        do {
            call.run();
            calls++;
        } while (System.nanoTime() - wall0 < seconds * 1e9);
        return 2.0 * shape[0] * shape[1] * shape[2] * calls / (bean.getCurrentThreadCpuTime() - cpu0);
    }

    /** One call of {@code matmul} on random operands of the given shape. */
    private static Runnable product(Kernels kernels, int[] shape) {
        int m = shape[0], n = shape[1], k = shape[2];
        boolean transB = shape[3] == 1;
        Random rnd = new Random(1);
        float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        return () -> kernels.matmul(m, n, k, a, 0, k, b, 0, transB ? k : n, transB, c, 0, n, false);
    }

    static double gflops(Kernels kernels, int[] shape, double seconds) {
        int m = shape[0], n = shape[1], k = shape[2];
        Runnable call = product(kernels, shape);
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            call.run();
        }
        // the best of several short windows: this machine is shared, and the best window is the least disturbed
        double best = 0;
        for (int window = 0; window < 10; window++) {
            long start = System.nanoTime(), end = start + (long) (seconds * 1e8), now;
            int calls = 0;
            do {
                call.run();
                calls++;
                now = System.nanoTime();
            } while (now < end);
            best = Math.max(best, 2.0 * m * n * k * calls / (now - start));
        }
        return best;
    }
}
