package dev.transformers4j.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.transformers4j.core.Backend;
import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.WeightDType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench gemm}: GFLOP/s of {@code Backend.current().matmul} on the products of BERT-small's linear
 * layers over a 32 × 128-token batch (M = 4096 rows, or {@code --m}; {@code C = A·Bᵀ} as {@code nn.Linear}
 * stores its weight; {@code --b-layout plain} also times {@code C = A·B} with B stored {@code [K, N]}), and beside it
 * the prepared path of a frozen linear layer ({@code --path linear}: {@code Kernels.linear} on the weight prepared
 * once, untimed; {@code linear+bias+gelu} with the bias and GELU in its epilogue, against
 * {@code matmul+bias+gelu}, the product followed by the two element-wise passes). On one thread, the progress line also gives GFLOP/s per CPU-second of the calling thread: a figure other processes on a
 * shared machine disturb less than wall time.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "GFLOP/s of our SGEMM at BERT-small's shapes (M×N×K = 4096×384×384, 4096×1536×384, 4096×384×1536; B transposed, or plain with --b-layout), as a plain matmul and as a linear layer on its weight prepared once (--path).")
final class GemmBenchCommand implements Callable<Integer> {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One product: {@code C[m, n] = A[m, k]·B[n, k]ᵀ}, named for what it is in a BERT layer. */
    record Shape(String role, int m, int n, int k) {
        double gflop() {
            return 2.0 * m * n * k / 1e9;
        }
    }

    /** BERT-small's linear layers with {@code m} rows (tokens in the batch). */
    static List<Shape> shapes(int m) {
        return List.of(new Shape("attention projection (q/k/v/o)", m, 384, 384),
                new Shape("feed-forward up (intermediate)", m, 1536, 384),
                new Shape("feed-forward down (output)", m, 384, 1536));
    }

    /** How B is stored: {@code [N, K]} as {@code nn.Linear}'s weight (read transposed), or {@code [K, N]}. */
    enum BLayout { TRANSPOSED, PLAIN }

    /** What is timed: the plain product, or the prepared linear layer; with or without bias and GELU after it. */
    enum Path {
        MATMUL("matmul"), LINEAR("linear"), MATMUL_BIAS_GELU("matmul+bias+gelu"), LINEAR_BIAS_GELU("linear+bias+gelu");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    /** One measured product. */
    record Result(String backend, Shape shape, BLayout layout, Path path, double medianMs) {
        double gflops() {
            return shape.gflop() / (medianMs / 1e3);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--backends", split = ",", defaultValue = "reference,vector",
            description = "The kernel backends to time. Default: ${DEFAULT-VALUE}.")
    List<String> backends;

    @Option(names = "--b-layout", split = ",", defaultValue = "transposed",
            description = "How B is stored: transposed ([N, K], nn.Linear's weight), plain ([K, N]), or both. Default: ${DEFAULT-VALUE}.")
    List<String> layouts;

    @Option(names = "--path", split = ",", defaultValue = "matmul,linear",
            description = "What to time: matmul (packs B every call), linear (the weight prepared once), "
                    + "matmul+bias+gelu, linear+bias+gelu (bias and GELU in the epilogue). Default: ${DEFAULT-VALUE}.")
    List<String> paths;

    @Option(names = "--m", defaultValue = "4096",
            description = "Rows of A and C: the tokens of the batch (4096 = 32 × 128; 16 or 128 for one sequence). Default: ${DEFAULT-VALUE}.")
    int m;

    @Option(names = "--threads", defaultValue = "2", description = "Threads of the backend (the reference uses one). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed calls per shape. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed calls per shape (median kept). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--max-seconds", defaultValue = "4",
            description = "Stop repeating a shape after this long, keeping at least one timed call (the reference is slow). Default: ${DEFAULT-VALUE}.")
    double maxSeconds;

    @Option(names = "--json", description = "Print {\"threads\":…,\"results\":[{\"backend\",\"m\",\"n\",\"k\",\"trans_b\",\"ms\",\"gflops\"},…]}.")
    boolean json;

    @Override
    public Integer call() {
        if (threads < 1 || repeats < 1 || warmup < 0 || m < 1) {
            throw new ParameterException(spec.commandLine(), "--threads, --repeats and --m must be ≥ 1 and --warmup ≥ 0");
        }
        List<BLayout> chosen = layouts.stream().map(this::layout).toList();
        List<Path> chosenPaths = paths.stream().map(this::path).toList();
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench: " + MachineInfo.detect().describe());
        List<Result> results = new ArrayList<>();
        Kernels previous = Backend.current();
        try {
            for (String name : backends) {
                Backend.use(Backend.create(name.trim(), threads));
                compileFirst();
                for (BLayout layout : chosen) {
                    for (Shape s : shapes(m)) {
                        for (Path path : chosenPaths) {
                            results.add(measure(name.trim(), s, layout, path, err));
                        }
                    }
                }
            }
        } finally {
            Backend.use(previous);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, results);
        } else {
            printTable(out, results);
        }
        return 0;
    }

    private BLayout layout(String name) {
        return switch (name.trim()) {
            case "transposed" -> BLayout.TRANSPOSED;
            case "plain" -> BLayout.PLAIN;
            default -> throw new ParameterException(spec.commandLine(),
                    "--b-layout: expected transposed or plain but was '" + name + "'");
        };
    }

    private Path path(String name) {
        for (Path p : Path.values()) {
            if (p.label.equals(name.trim())) {
                return p;
            }
        }
        throw new ParameterException(spec.commandLine(),
                "--path: expected matmul, linear, matmul+bias+gelu or linear+bias+gelu but was '" + name + "'");
    }

    /** The timed call of one path; a prepared weight is prepared here, once, before timing. */
    private static Runnable call(Shape s, BLayout layout, Path path, GemmOperands x) {
        Kernels kern = Backend.current();
        boolean transB = layout == BLayout.TRANSPOSED;
        int ldb = transB ? s.k() : s.n();
        float[] bias = new float[s.n()];
        for (int j = 0; j < bias.length; j++) {
            bias[j] = 0.01f * (j % 17) - 0.08f;
        }
        return switch (path) {
            case MATMUL -> () -> kern.matmul(s.m(), s.n(), s.k(), x.a(), 0, s.k(), x.b(), 0, ldb, transB, x.c(), 0,
                    s.n(), false);
            case MATMUL_BIAS_GELU -> () -> {
                kern.matmul(s.m(), s.n(), s.k(), x.a(), 0, s.k(), x.b(), 0, ldb, transB, x.c(), 0, s.n(), false);
                kern.addRowVector(x.c(), 0, s.m(), s.n(), bias, 0);
                kern.geluErf(x.c(), 0, s.m() * s.n());
            };
            case LINEAR, LINEAR_BIAS_GELU -> {
                PreparedWeight w = kern.prepareWeight(x.b(), 0, ldb, s.n(), s.k(), !transB, WeightDType.FLOAT32);
                boolean epilogue = path == Path.LINEAR_BIAS_GELU;
                yield () -> kern.linear(s.m(), x.a(), 0, s.k(), w, epilogue ? bias : null, 0,
                        epilogue ? FusedActivation.GELU_ERF : FusedActivation.NONE, x.c(), 0, s.n());
            }
        };
    }

    /**
     * Warm-up calls (stopped after half the time budget: the reference is slow), then timed calls until
     * {@code repeats} or the budget is reached, at least one.
     */
    private Result measure(String backend, Shape s, BLayout layout, Path path, PrintWriter err) {
        GemmOperands x = GemmOperands.random(s.m(), s.n(), s.k());
        boolean transB = layout == BLayout.TRANSPOSED;
        Runnable call = call(s, layout, path, x);
        long budget = (long) (maxSeconds * 1e9);
        long warmEnd = System.nanoTime() + budget / 2;
        for (int i = 0; i < warmup && System.nanoTime() < warmEnd; i++) {
            call.run();
        }
        double[] ms = new double[repeats];
        int done = 0;
        long end = System.nanoTime() + budget;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        while (done < repeats && (done == 0 || System.nanoTime() < end)) {
            long start = System.nanoTime();
            call.run();
            ms[done++] = (System.nanoTime() - start) / 1e6;
        }
        double cpuGflops = s.gflop() * done / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        Result r = new Result(backend, s, layout, path, Timing.median(Arrays.copyOf(ms, done)));
        boolean oneThread = threads == 1 || Backend.REFERENCE.equals(backend);
        err.printf(Locale.ROOT, "bench: %-9s %-16s %4d×%4d×%4d%s  median of %d: %8.2f ms  %7.1f GFLOP/s%s%n", backend,
                path.label, s.m(), s.n(), s.k(), transB ? "ᵀ" : " ", done, r.medianMs(), r.gflops(),
                oneThread ? String.format(Locale.ROOT, "  (%.1f per CPU-second)", cpuGflops) : "");
        err.flush();
        return r;
    }

    /** Gets the backend's matrix multiply compiled by the JIT on a small product (half a second) before timing. */
    private static void compileFirst() {
        GemmOperands x = GemmOperands.random(128, 128, 128);
        long end = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < end) {
            Backend.current().matmul(128, 128, 128, x.a(), 0, 128, x.b(), 0, 128, true, x.c(), 0, 128, false);
        }
    }

    private void printTable(PrintWriter out, List<Result> results) {
        out.printf(Locale.ROOT, "C[M,N] = A[M,K]·B[N,K]ᵀ, %d threads (reference: 1)%n%n", threads);
        out.printf(Locale.ROOT, "%-10s %-16s %-32s %5s %5s %5s %10s %10s%n", "backend", "path", "role", "M", "N", "K", "ms",
                "GFLOP/s");
        for (Result r : results) {
            Shape s = r.shape();
            String role = r.layout() == BLayout.PLAIN ? s.role() + ", B plain" : s.role();
            out.printf(Locale.ROOT, "%-10s %-16s %-32s %5d %5d %5d %10.2f %10.1f%n", r.backend(), r.path().label, role,
                    s.m(), s.n(), s.k(), r.medianMs(), r.gflops());
        }
        out.flush();
    }

    private void printJson(PrintWriter out, List<Result> results) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeNumberField("threads", threads);
            g.writeArrayFieldStart("results");
            for (Result r : results) {
                g.writeStartObject();
                g.writeStringField("backend", r.backend());
                g.writeNumberField("m", r.shape().m());
                g.writeNumberField("n", r.shape().n());
                g.writeNumberField("k", r.shape().k());
                g.writeBooleanField("trans_b", r.layout() == BLayout.TRANSPOSED);
                g.writeStringField("path", r.path().label);
                g.writeNumberField("ms", Math.round(r.medianMs() * 1000) / 1000.0);
                g.writeNumberField("gflops", Math.round(r.gflops() * 100) / 100.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(buffer);
        out.flush();
    }
}
