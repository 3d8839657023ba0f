package dev.transformers4j.bench;

import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.ModelResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench embed}: our encoder against ONNX Runtime on the same model, in the same process, with the
 * same number of threads each, on synthetic input: throughput at 32 × 128 tokens, latency at 1 × 16 and
 * 1 × 128 tokens. Both are warmed up, then run in turns (never at once) and the medians kept.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Time a sentence encoder: ours (vector backend) against ONNX Runtime, same model, same threads.",
                "Progress goes to standard error; the table (or with --json the JSON line) to standard output."})
final class EmbedBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5, bge-small-zh-v1.5) or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--onnx", paramLabel = "FILE",
            description = "The same model as ONNX, for ONNX Runtime (needed for an HF folder without model.onnx or onnx/model.onnx).")
    Path onnx;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for each implementation. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Untimed runs before the throughput timing (×" + EmbedFigures.LATENCY_RUNS_FACTOR + " for latency). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", defaultValue = "10",
            description = "Timed runs of which the median is kept (×" + EmbedFigures.LATENCY_RUNS_FACTOR + " for latency). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object: {\"model\",\"threads\",\"ours\",\"onnxruntime\",\"throughput_ratio\"}.")
    boolean json;

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        MachineInfo machine = MachineInfo.detect();
        err.println("bench: " + machine.describe());
        if (machine.busy()) {
            err.println("bench: warning: other processes are busy on this machine; the figures will be slow and"
                    + " noisy, and the ratio flattering (ONNX Runtime's spinning threads suffer more from contention)");
        }
        Path dir = ModelResolver.resolve(model);
        OnnxGraph graph = OnnxGraph.find(model, dir, onnx);         // fail now, not after timing ours
        int vocab = ConfigJson.read(dir.resolve("config.json")).requireInt("vocab_size");
        EmbedFigures.Workload work = EmbedFigures.Workload.forVocabulary(vocab);
        err.printf(Locale.ROOT, "bench: ours = %s, onnxruntime = %s, %d threads each%n", dir, graph.origin(), threads);

        EmbedFigures.Comparison c;
        try (OursRunner ours = new OursRunner(dir, threads); OrtRunner ort = new OrtRunner(graph, threads)) {
            c = EmbedFigures.measure(ours, ort, work, warmup, repeats, err);
        }
        EmbedReport report = new EmbedReport(model, threads, c.ours(), c.onnxruntime());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            report.printJson(out);
        } else {
            String method = String.format(Locale.ROOT, "medians of %d runs after %d warm-up runs (latency: %d after %d);"
                            + " synthetic ids, mask all ones", repeats, warmup,
                    repeats * EmbedFigures.LATENCY_RUNS_FACTOR, warmup * EmbedFigures.LATENCY_RUNS_FACTOR);
            report.printTable(out, machine, method);
        }
        return 0;
    }

    private void checkOptions() {
        if (threads < 1 || repeats < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--threads and --repeats must be ≥ 1 and --warmup ≥ 0"
                    + " (got " + threads + ", " + repeats + ", " + warmup + ")");
        }
    }
}
