package dev.transformers4j.simd;

import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.ReferenceKernels;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Hand-run throughput check (not a test) of the element-wise kernels on BERT-small-sized operands:
 * nanoseconds per element, best of several windows, vector against reference.
 */
public final class ElementwiseBenchmark {

    public static void main(String[] args) {
        int t = 128, heads = 12, c = 384, f = 1536;
        float[] gamma = new float[c], beta = new float[c], bias = new float[f];
        java.util.Arrays.fill(gamma, 1f);
        float[] y = new float[t * c];
        report("softmaxRows [12·128, 128]", heads * t * t, (k, x) -> k.softmaxRows(x, 0, heads * t, t));
        report("geluErf [128, 1536]", t * f, (k, x) -> k.geluErf(x, 0, t * f));
        report("geluTanh [128, 1536]", t * f, (k, x) -> k.geluTanh(x, 0, t * f));
        report("layerNorm [128, 384]", t * c, (k, x) -> k.layerNorm(x, 0, y, 0, t, c, gamma, beta, 1e-12f));
        report("addRowVector [128, 1536]", t * f, (k, x) -> k.addRowVector(x, 0, t, f, bias, 0));
    }

    private static void report(String what, int n, BiConsumer<Kernels, float[]> op) {
        System.out.printf("%-28s vector %6.3f ns/elem   reference %6.3f ns/elem%n", what,
                nanosPerElement(new VectorKernels(1), n, op), nanosPerElement(new ReferenceKernels(), n, op));
    }

    private static double nanosPerElement(Kernels kernels, int n, BiConsumer<Kernels, float[]> op) {
        Random rnd = new Random(1);
        float[] source = new float[n];
        for (int i = 0; i < n; i++) {
            source[i] = rnd.nextFloat() * 8 - 4;
        }
        float[] x = new float[n];
        double best = Double.MAX_VALUE;
        for (int window = 0; window < 20; window++) {
            long start = System.nanoTime();
            int calls = 0;
            do {
                System.arraycopy(source, 0, x, 0, n);
                op.accept(kernels, x);
                calls++;
            } while (System.nanoTime() - start < 50_000_000);
            best = Math.min(best, (System.nanoTime() - start) / (double) calls / n);
        }
        return best;
    }
}
