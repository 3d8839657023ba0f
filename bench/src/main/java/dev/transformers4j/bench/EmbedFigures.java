package dev.transformers4j.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

        /** The three inputs, for checks that run every benchmark sequence. */
        List<SyntheticBatch> all() {
            return List.of(throughput, short1, long1);
        }
    }

    /**
     * Warms up and times the runners on the three inputs, taking turns, reporting each median on {@code progress};
     * returns their figures in the order given.
     */
    static List<EmbedFigures> measure(List<EncoderRunner> runners, Workload w, int warmup, int repeats,
                                      PrintWriter progress) {
        double[] batchMs = time(runners, w.throughput(), warmup, repeats, progress);
        int f = LATENCY_RUNS_FACTOR;
        double[] shortMs = time(runners, w.short1(), warmup * f, repeats * f, progress);
        double[] longMs = time(runners, w.long1(), warmup * f, repeats * f, progress);
        int b = w.throughput().batch();
        List<EmbedFigures> out = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            out.add(new EmbedFigures(b * 1000.0 / batchMs[i], shortMs[i], longMs[i]));
        }
        return out;
    }

    private static double[] time(List<EncoderRunner> runners, SyntheticBatch in, int warmup, int repeats,
                                 PrintWriter progress) {
        progress.printf(Locale.ROOT, "bench: %-7s warm-up %d, then %d timed runs each, taking turns...", in.label(),
                warmup, repeats);
        progress.flush();
        Runnable[] passes = runners.stream().map(r -> r.forwardPass(in)).toArray(Runnable[]::new);
        double[] ms = Timing.interleavedMedianMillis(warmup, repeats, passes);
        StringBuilder medians = new StringBuilder(" median");
        for (int i = 0; i < ms.length; i++) {
            medians.append(String.format(Locale.ROOT, "%s %s %.2f ms", i == 0 ? "" : ",", runners.get(i).name(), ms[i]));
        }
        progress.println(medians);
        progress.flush();
        return ms;
    }
}
