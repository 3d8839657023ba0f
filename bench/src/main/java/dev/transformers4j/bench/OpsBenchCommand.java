package dev.transformers4j.bench;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.ModelResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench ops}: where one forward pass of ours spends its time, kernel by kernel (matrix products by
 * shape), and how much is left outside the kernels: tensor copies, masks, embeddings, allocation and GC.
 */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Time per kernel operation in one forward pass of our model (vector backend), and the time outside the kernels.")
final class OpsBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2", description = "A built-in model or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--threads", defaultValue = "2", description = "Threads of the vector backend. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--batch", defaultValue = "32", description = "Sequences per pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--tokens", defaultValue = "128", description = "Tokens per sequence. Default: ${DEFAULT-VALUE}.")
    int tokens;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed passes (the totals are averaged). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Override
    public Integer call() {
        if (threads < 1 || repeats < 1 || warmup < 0 || batch < 1 || tokens < 2) {
            throw new ParameterException(spec.commandLine(), "--threads, --repeats, --batch ≥ 1, --tokens ≥ 2, --warmup ≥ 0");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench: " + MachineInfo.detect().describe());
        Path dir = ModelResolver.resolve(model);
        int vocab = ConfigJson.read(dir.resolve("config.json")).requireInt("vocab_size");
        TokenBatch input = SyntheticBatch.random(batch, tokens, vocab, 1).tokenBatch();
        Kernels previous = Backend.current();
        TimingKernels timing = new TimingKernels(Backend.create(Backend.VECTOR, threads));
        long total = 0;
        JvmCounters jvm;
        try {
            Backend.use(timing);
            PretrainedModel m = AutoModel.fromPretrained(dir);
            for (int i = 0; i < warmup; i++) {
                m.forward(input, ForwardOptions.DEFAULT);
            }
            timing.reset();
            JvmCounters before = JvmCounters.now();
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                m.forward(input, ForwardOptions.DEFAULT);
                total += System.nanoTime() - start;
            }
            jvm = JvmCounters.now().since(before);
        } finally {
            Backend.use(previous);
        }
        print(spec.commandLine().getOut(), timing.tallies(), total, jvm);
        return 0;
    }

    private void print(PrintWriter out, Map<String, TimingKernels.Tally> tallies, long totalNanos, JvmCounters jvm) {
        double passMs = totalNanos / 1e6 / repeats;
        out.printf(Locale.ROOT, "%s, batch %d × %d tokens, %d threads: %.1f ms per forward pass (mean of %d)%n%n",
                model, batch, tokens, threads, passMs, repeats);
        out.printf(Locale.ROOT, "%-44s %7s %10s %7s %9s%n", "operation", "calls", "ms/pass", "share", "GFLOP/s");
        List<Map.Entry<String, TimingKernels.Tally>> rows = new ArrayList<>(tallies.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos));
        long kernels = 0;
        for (Map.Entry<String, TimingKernels.Tally> e : rows) {
            TimingKernels.Tally t = e.getValue();
            kernels += t.nanos;
            double ms = t.nanos / 1e6 / repeats;
            String gflops = t.flops == 0 ? "" : String.format(Locale.ROOT, "%9.1f", t.flops / t.nanos);
            out.printf(Locale.ROOT, "%-44s %7d %10.2f %6.1f%% %9s%n", e.getKey(), t.calls / repeats, ms,
                    100.0 * t.nanos / totalNanos, gflops);
        }
        long gc = jvm.gcMillis() * 1_000_000;
        long outside = totalNanos - kernels - gc;
        out.printf(Locale.ROOT, "%-44s %7s %10.2f %6.1f%%%n", "garbage collection pauses", "",
                gc / 1e6 / repeats, 100.0 * gc / totalNanos);
        out.printf(Locale.ROOT, "%-44s %7s %10.2f %6.1f%%%n", "the rest (copies, masks, allocation)", "",
                outside / 1e6 / repeats, 100.0 * outside / totalNanos);
        out.printf(Locale.ROOT, "%n%.2f MB allocated per pass by the calling thread, %.2f MB by all threads; %d collections"
                + " in %d passes%n", jvm.allocatedBytes() / 1e6 / repeats, jvm.allThreadsAllocatedBytes() / 1e6 / repeats,
                jvm.gcCount(), repeats);
        out.flush();
    }
}
