package dev.transformers4j.bench;

import java.util.Arrays;

/** Warms work up, then times repeats of it and keeps the median. */
final class Timing {

    private Timing() {
    }

    /**
     * The median wall time, in milliseconds, of each piece of work over {@code repeats} timed calls after
     * {@code warmup} untimed ones. The pieces take turns call by call, so a change in the machine's background
     * load during the measurement hits all of them alike.
     */
    static double[] interleavedMedianMillis(int warmup, int repeats, Runnable... work) {
        for (int i = 0; i < warmup; i++) {
            for (Runnable w : work) {
                w.run();
            }
        }
        double[][] ms = new double[work.length][Math.max(1, repeats)];
        for (int i = 0; i < ms[0].length; i++) {
            for (int j = 0; j < work.length; j++) {
                long start = System.nanoTime();
                work[j].run();
                ms[j][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[work.length];
        for (int j = 0; j < work.length; j++) {
            medians[j] = median(ms[j]);
        }
        return medians;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
