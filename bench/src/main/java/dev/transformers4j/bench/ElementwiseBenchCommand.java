package dev.transformers4j.bench;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.simd.VectorKernels;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench elementwise}: nanoseconds per element of the element-wise kernels on BERT-small-sized operands
 * (T = 128 tokens, H = 12 heads, C = 384, F = 1536), the vector backend beside the reference one: the best of
 * several short windows, each call on a fresh copy of the same random input. With {@code --sweep}: each vector
 * kernel on one thread and split over two, at sizes from 2¹² to 2²⁰ elements, which shows where splitting pays.
 */
@Command(name = "elementwise", mixinStandardHelpOptions = true,
        description = "Nanoseconds per element of softmax, GELU (erf, tanh), LayerNorm and bias add at BERT-small's sizes, vector beside reference; --sweep: one thread against two at sizes 2^12..2^20.")
final class ElementwiseBenchCommand implements Callable<Integer> {

    private static final int T = 128;
    private static final int H = 12;
    private static final int C = 384;
    private static final int F = 1536;

    /** One kernel call on {@code x} (a buffer of {@code elements} floats), named with its shape. */
    record Case(String name, int elements, BiConsumer<Kernels, float[]> op) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--windows", defaultValue = "20", description = "Timing windows per kernel (the best is kept). Default: ${DEFAULT-VALUE}.")
    int windows;

    @Option(names = "--window-ms", defaultValue = "50", description = "Length of a window in milliseconds. Default: ${DEFAULT-VALUE}.")
    int windowMs;

    @Option(names = "--threads", defaultValue = "1", description = "Threads of the vector backend. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--sweep", description = "Time each vector kernel on one thread and split over two threads at sizes 2^12..2^20 elements (the crossover).")
    boolean sweep;

    static List<Case> cases() {
        float[] gamma = new float[C];
        float[] beta = new float[C];
        float[] bias = new float[F];
        Arrays.fill(gamma, 1f);
        float[] y = new float[T * C];
        return List.of(
                new Case("softmaxRows [12·128, 128]", H * T * T, (k, x) -> k.softmaxRows(x, 0, H * T, T)),
                new Case("geluErf [128, 1536]", T * F, (k, x) -> k.geluErf(x, 0, T * F)),
                new Case("geluTanh [128, 1536]", T * F, (k, x) -> k.geluTanh(x, 0, T * F)),
                new Case("layerNorm [128, 384]", T * C, (k, x) -> k.layerNorm(x, 0, y, 0, T, C, gamma, beta, 1e-12f)),
                new Case("addRowVector [128, 1536]", T * F, (k, x) -> k.addRowVector(x, 0, T, F, bias, 0)));
    }

    @Override
    public Integer call() {
        if (windows < 1 || windowMs < 1 || threads < 1) {
            throw new ParameterException(spec.commandLine(), "--windows, --window-ms and --threads must be ≥ 1");
        }
        spec.commandLine().getErr().println("bench: " + MachineInfo.detect().describe());
        if (sweep) {
            return sweep();
        }
        Kernels vector = Backend.create(Backend.VECTOR, threads);
        Kernels reference = Backend.create(Backend.REFERENCE, 1);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-28s %15s %15s %8s%n", "kernel", "vector ns/el", "reference ns/el", "speed-up");
        for (Case c : cases()) {
            double v = nanosPerElement(vector, c);
            double r = nanosPerElement(reference, c);
            out.printf(Locale.ROOT, "%-28s %15.3f %15.3f %7.1f×%n", c.name(), v, r, r / v);
            out.flush();
        }
        return 0;
    }

    /** Kernels of the sweep on {@code n} elements, a multiple of C (rows of 128 for softmax, of C = 384 for LayerNorm and bias add). */
    static List<Case> sweepCases(int n) {
        float[] gamma = new float[C];
        float[] beta = new float[C];
        Arrays.fill(gamma, 1f);
        float[] other = new float[n];
        Arrays.fill(other, 1f);
        float[] y = new float[n];
        return List.of(
                new Case("softmaxRows [n/128, 128]", n, (k, x) -> k.softmaxRows(x, 0, n / T, T)),
                new Case("geluErf", n, (k, x) -> k.geluErf(x, 0, n)),
                new Case("geluTanh", n, (k, x) -> k.geluTanh(x, 0, n)),
                new Case("layerNorm [n/384, 384]", n, (k, x) -> k.layerNorm(x, 0, y, 0, n / C, C, gamma, beta, 1e-12f)),
                new Case("addRowVector [n/384, 384]", n, (k, x) -> k.addRowVector(x, 0, n / C, C, gamma, 0)),
                new Case("addInPlace", n, (k, x) -> k.addInPlace(x, 0, other, 0, n)),
                new Case("scale", n, (k, x) -> k.scale(x, 0, n, 0.999f)),
                new Case("mul", n, (k, x) -> k.mul(x, 0, other, 0, x, 0, n)));
    }

    /** One thread against two (splitting at every size) and the default (splitting from its threshold on). */
    private Integer sweep() {
        Kernels one = new VectorKernels(1);
        Kernels two = new VectorKernels(2, 0);
        Kernels auto = new VectorKernels(2);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-26s %9s %12s %12s %12s %9s%n", "kernel", "elements", "1 thread", "2 threads",
                "default", "2 vs 1");
        int kernels = sweepCases(1 << 12).size();
        for (Case c : sweepCases((1 << 16) / C * C)) {   // compile every kernel, both ways, before timing
            for (Kernels k : List.of(one, two)) {
                long end = System.nanoTime() + 300_000_000L;
                float[] x = new float[c.elements()];
                while (System.nanoTime() < end) {
                    c.op().accept(k, x);
                }
            }
        }
        for (int which = 0; which < kernels; which++) {
            for (int log = 12; log <= 20; log++) {
                Case c = sweepCases((1 << log) / C * C).get(which);   // whole rows of 384 (and so of 128)
                double t1 = nanosPerElementInPlace(one, c);
                double t2 = nanosPerElementInPlace(two, c);
                double ta = nanosPerElementInPlace(auto, c);
                out.printf(Locale.ROOT, "%-26s %9d %9.3f ns %9.3f ns %9.3f ns %8.2f×%n", c.name(), c.elements(), t1, t2,
                        ta, t1 / t2);
                out.flush();
            }
        }
        return 0;
    }

    /** As {@link #nanosPerElement} without the copy between calls (the kernels of the sweep may repeat in place). */
    double nanosPerElementInPlace(Kernels kernels, Case c) {
        Random rnd = new Random(1);
        float[] x = new float[c.elements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 8 - 4;
        }
        double best = Double.MAX_VALUE;
        for (int window = 0; window < windows; window++) {
            long start = System.nanoTime();
            int calls = 0;
            do {
                c.op().accept(kernels, x);
                calls++;
            } while (System.nanoTime() - start < windowMs * 1_000_000L);
            best = Math.min(best, (System.nanoTime() - start) / (double) calls / c.elements());
        }
        return best;
    }

    /** The best, over the windows, of the mean time per element of the calls in a window. */
    double nanosPerElement(Kernels kernels, Case c) {
        Random rnd = new Random(1);
        float[] source = new float[c.elements()];
        for (int i = 0; i < source.length; i++) {
            source[i] = rnd.nextFloat() * 8 - 4;
        }
        float[] x = new float[source.length];
        double best = Double.MAX_VALUE;
        for (int window = 0; window < windows; window++) {
            long start = System.nanoTime();
            int calls = 0;
            do {
                System.arraycopy(source, 0, x, 0, x.length);
                c.op().accept(kernels, x);
                calls++;
            } while (System.nanoTime() - start < windowMs * 1_000_000L);
            best = Math.min(best, (System.nanoTime() - start) / (double) calls / c.elements());
        }
        return best;
    }
}
