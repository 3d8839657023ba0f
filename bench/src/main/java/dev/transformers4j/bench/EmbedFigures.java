package dev.transformers4j.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One implementation's figures.
 *
 * @param seqPerS  throughput at batch 32 × 128 tokens, sequences per second
 * @param b1T16Ms  latency of one 16-token sequence, milliseconds
 * @param b1T128Ms latency of one 128-token sequence, milliseconds
 */
record EmbedFigures(double seqPerS, double b1T16Ms, double b1T128Ms) {

    /** Latency runs are short, so they get this many times the warm-up and repeats of the throughput run. */
    static final int LATENCY_RUNS_FACTOR = 5;

    /** The three inputs of the benchmark. */
    record Workload(SyntheticBatch throughput, SyntheticBatch short1, SyntheticBatch long1) {

        static Workload forVocabulary(int vocab) {
            return new Workload(SyntheticBatch.random(32, 128, vocab, 1), SyntheticBatch.random(1, 16, vocab, 2),
                    SyntheticBatch.random(1, 128, vocab, 3));
        }
    }

    /** Both implementations' figures, measured side by side. */
    record Comparison(EmbedFigures ours, EmbedFigures onnxruntime) {
    }

    /** Warms up and times both runners on the three inputs, taking turns, reporting each median on {@code progress}. */
    static Comparison measure(EncoderRunner ours, EncoderRunner ort, Workload w, int warmup, int repeats,
                              PrintWriter progress) {
        double[] batchMs = time(ours, ort, w.throughput(), warmup, repeats, progress);
        int f = LATENCY_RUNS_FACTOR;
        double[] shortMs = time(ours, ort, w.short1(), warmup * f, repeats * f, progress);
        double[] longMs = time(ours, ort, w.long1(), warmup * f, repeats * f, progress);
        int b = w.throughput().batch();
        return new Comparison(new EmbedFigures(b * 1000.0 / batchMs[0], shortMs[0], longMs[0]),
                new EmbedFigures(b * 1000.0 / batchMs[1], shortMs[1], longMs[1]));
    }

    private static double[] time(EncoderRunner ours, EncoderRunner ort, SyntheticBatch in, int warmup, int repeats,
                                 PrintWriter progress) {
        progress.printf(Locale.ROOT, "bench: %-7s warm-up %d, then %d timed runs each, taking turns...", in.label(),
                warmup, repeats);
        progress.flush();
        double[] ms = Timing.interleavedMedianMillis(warmup, repeats, ours.forwardPass(in), ort.forwardPass(in));
        progress.printf(Locale.ROOT, " median %s %.2f ms, %s %.2f ms%n", ours.name(), ms[0], ort.name(), ms[1]);
        progress.flush();
        return ms;
    }
}
