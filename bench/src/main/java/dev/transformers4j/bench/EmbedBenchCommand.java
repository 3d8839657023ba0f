package dev.transformers4j.bench;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.EmbeddingSettings;
import dev.transformers4j.pipelines.ModelResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * 1 × 128 tokens. Both are warmed up, then run in turns (never at once) and the medians kept. Ours may multiply
 * its linear weights in int8 or bf16 ({@code --dtype}; the accuracy cost is reported as the lowest cosine to the
 * float32 embeddings), and ONNX Runtime may also run an int8 model of the same network ({@code --onnx-int8}).
 * After the timings, the heap allocated by one 32 × 128 pass of ours is counted over every thread.
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

    @Option(names = "--onnx-int8", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = {"Also time ONNX Runtime on this int8 model of the same network (same inputs), taking turns with"
                    + " the other two. Without FILE, for all-MiniLM-L6-v2: the quantised model langchain4j ships ("
                    + OnnxGraph.INT8_ARTIFACT + ")."})
    String onnxInt8;

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "DTYPE",
            description = "How our linear weights are multiplied: float32, int8 (symmetric, per output channel) or bf16."
                    + " With int8 or bf16 the lowest cosine to the float32 embeddings is reported too. Default: ${DEFAULT-VALUE}.")
    String dtypeName;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for each implementation. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Untimed runs before the throughput timing (×" + EmbedFigures.LATENCY_RUNS_FACTOR + " for latency). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", defaultValue = "10",
            description = "Timed runs of which the median is kept (×" + EmbedFigures.LATENCY_RUNS_FACTOR + " for latency). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--json", description = {"Print one JSON object: {\"model\",\"threads\",\"ours\",\"onnxruntime\","
            + "\"throughput_ratio\",\"dtype\",\"latency_ratio_b1_t16\",\"latency_ratio_b1_t128\",\"allocated_mb_per_pass\"}"
            + " (ratios: above 1 = ours faster), with --dtype int8|bf16 also \"min_cosine_vs_float32\", with --onnx-int8"
            + " also \"onnxruntime_int8\",\"throughput_ratio_vs_int8\",\"latency_ratio_b1_t16_vs_int8\","
            + "\"latency_ratio_b1_t128_vs_int8\"."})
    boolean json;

    /** Passes whose allocation is counted (the median is reported). */
    static final int ALLOCATION_PASSES = 3;

    @Override
    public Integer call() {
        WeightDType dtype = checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        MachineInfo machine = MachineInfo.detect();
        err.println("bench: " + machine.describe());
        if (machine.busy()) {
            err.println("bench: warning: other processes are busy on this machine; the figures will be slow and"
                    + " noisy, and the ratio flattering (ONNX Runtime's spinning threads suffer more from contention)");
        }
        Path dir = ModelResolver.resolve(model);
        OnnxGraph graph = OnnxGraph.find(model, dir, onnx);         // fail now, not after timing ours
        OnnxGraph graphInt8 = onnxInt8 == null ? null : OnnxGraph.int8(model, dir, onnxInt8);
        int vocab = ConfigJson.read(dir.resolve("config.json")).requireInt("vocab_size");
        EmbedFigures.Workload work = EmbedFigures.Workload.forVocabulary(vocab);
        err.printf(Locale.ROOT, "bench: ours (%s weights) = %s, onnxruntime = %s%s, %d threads each%n", dtype, dir,
                graph.origin(), graphInt8 == null ? "" : ", onnxruntime_int8 = " + graphInt8.origin(), threads);

        List<EmbedFigures> figures;
        double allocatedMb;
        double minCosine = Double.NaN;
        try (OursRunner ours = new OursRunner(dir, threads, dtype);
             OrtRunner ort = new OrtRunner(graph, threads);
             OrtRunner ortInt8 = graphInt8 == null ? null : new OrtRunner(graphInt8, threads, "onnxruntime_int8")) {
            if (dtype != WeightDType.FLOAT32) {
                err.printf(Locale.ROOT, "bench: embedding the %d benchmark sequences in float32 and in %s...%n",
                        work.all().stream().mapToInt(SyntheticBatch::batch).sum(), dtype);
                minCosine = DTypeAccuracy.minCosineToFloat32(ours.model(), dtype,
                        EmbeddingSettings.read(dir).pooling(), work.all());
                err.printf(Locale.ROOT, "bench: lowest cosine of %s to float32: %.6f%n", dtype, minCosine);
            }
            List<EncoderRunner> runners = new ArrayList<>(List.of(ours, ort));
            if (ortInt8 != null) {
                runners.add(ortInt8);
            }
            figures = EmbedFigures.measure(runners, work, warmup, repeats, err);
            allocatedMb = HeapAllocation.megabytesPerRun(ours.forwardPass(work.throughput()), ALLOCATION_PASSES);
            err.printf(Locale.ROOT, "bench: one %s pass of ours allocates %.1f MB (every thread)%n",
                    work.throughput().label(), allocatedMb);
        }
        EmbedReport report = new EmbedReport(model, threads, dtype.label(), figures.get(0), figures.get(1), allocatedMb,
                minCosine, graphInt8 == null ? null : figures.get(2));
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

    /** Checks the numbers and returns the parsed {@code --dtype}. */
    private WeightDType checkOptions() {
        if (threads < 1 || repeats < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--threads and --repeats must be ≥ 1 and --warmup ≥ 0"
                    + " (got " + threads + ", " + repeats + ", " + warmup + ")");
        }
        try {
            return WeightDType.parse(dtypeName);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();                 // "dtype: expected one of float32, int8, bf16 but was 'x'"
            throw new ParameterException(spec.commandLine(),
                    message.startsWith("dtype:") ? "--" + message : "--dtype: " + message);
        }
    }
}
