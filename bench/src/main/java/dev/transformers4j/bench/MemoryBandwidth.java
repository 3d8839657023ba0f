package dev.transformers4j.bench;

import dev.transformers4j.core.Kernels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's read bandwidth, measured the way a decoding step reads its weights: each thread streams its
 * share of a large float array once through the kernels' dot product (vectorised, so memory-bound, not
 * compute-bound). The array is far larger than the caches.
 */
final class MemoryBandwidth {

    private MemoryBandwidth() {
    }

    /** Best GB/s (10⁹ bytes) over {@code repeats} passes of {@code megabytes} with {@code threads} threads. */
    static double measure(Kernels kernels, int threads, int megabytes, int repeats) throws Exception {
        int n = megabytes * 1024 * 1024 / 4;
        float[] a = new float[n];
        for (int i = 0; i < n; i += 1024) {
            a[i] = 1f;                                   // touch every page
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                Future<?>[] parts = new Future<?>[threads];
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) n * t / threads);
                    int to = (int) ((long) n * (t + 1) / threads);
                    parts[t] = pool.submit(() -> kernels.dot(a, from, a, from, to - from));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, 4.0 * n / seconds / 1e9);
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }
}
