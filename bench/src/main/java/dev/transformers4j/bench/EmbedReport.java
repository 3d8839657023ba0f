package dev.transformers4j.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The result of {@code t4j bench embed}: our figures and ONNX Runtime's, as one JSON line or as a table.
 *
 * @param dtype              the label of the dtype our linear weights were multiplied in ({@code "float32"}, …)
 * @param allocatedMbPerPass MB (10⁶ bytes) one 32 × 128 pass of ours allocates in steady state, over every thread
 * @param minCosineVsFloat32 the lowest cosine between an embedding in {@code dtype} and in float32 (NaN for float32)
 * @param onnxruntimeInt8    ONNX Runtime on an int8 model of the same network, or null when not measured
 */
record EmbedReport(String model, int threads, String dtype, EmbedFigures ours, EmbedFigures onnxruntime,
                   double allocatedMbPerPass, double minCosineVsFloat32, EmbedFigures onnxruntimeInt8) {

    /** {@code ours.seq_per_s / onnxruntime.seq_per_s}. */
    double throughputRatio() {
        return ours.seqPerS() / onnxruntime.seqPerS();
    }

    /**
     * One line: issue 2's keys first, unchanged — {@code {"model","threads","ours":{"seq_per_s","b1_t16_ms",
     * "b1_t128_ms"},"onnxruntime":{…},"throughput_ratio"}} — then issue 12's: {@code "dtype"},
     * {@code "latency_ratio_b1_t16"}, {@code "latency_ratio_b1_t128"} (ORT ms ÷ ours ms), {@code "allocated_mb_per_pass"},
     * {@code "min_cosine_vs_float32"} (int8 and bf16 only), and with an int8 ORT model {@code "onnxruntime_int8"},
     * {@code "throughput_ratio_vs_int8"}, {@code "latency_ratio_b1_t16_vs_int8"}, {@code "latency_ratio_b1_t128_vs_int8"}.
     */
    void printJson(PrintWriter out) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeNumberField("threads", threads);
            writeFigures(g, "ours", ours);
            writeFigures(g, "onnxruntime", onnxruntime);
            g.writeNumberField("throughput_ratio", round(throughputRatio(), 3));
            g.writeStringField("dtype", dtype);
            g.writeNumberField("latency_ratio_b1_t16", round(onnxruntime.b1T16Ms() / ours.b1T16Ms(), 3));
            g.writeNumberField("latency_ratio_b1_t128", round(onnxruntime.b1T128Ms() / ours.b1T128Ms(), 3));
            writeNumberOrNull(g, "allocated_mb_per_pass", allocatedMbPerPass, 1);
            if (!Double.isNaN(minCosineVsFloat32)) {
                g.writeNumberField("min_cosine_vs_float32", round(minCosineVsFloat32, 6));
            }
            if (onnxruntimeInt8 != null) {
                writeFigures(g, "onnxruntime_int8", onnxruntimeInt8);
                g.writeNumberField("throughput_ratio_vs_int8", round(ours.seqPerS() / onnxruntimeInt8.seqPerS(), 3));
                g.writeNumberField("latency_ratio_b1_t16_vs_int8", round(onnxruntimeInt8.b1T16Ms() / ours.b1T16Ms(), 3));
                g.writeNumberField("latency_ratio_b1_t128_vs_int8",
                        round(onnxruntimeInt8.b1T128Ms() / ours.b1T128Ms(), 3));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(buffer);
        out.flush();
    }

    private static void writeFigures(JsonGenerator g, String name, EmbedFigures f) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("seq_per_s", round(f.seqPerS(), 2));
        g.writeNumberField("b1_t16_ms", round(f.b1T16Ms(), 3));
        g.writeNumberField("b1_t128_ms", round(f.b1T128Ms(), 3));
        g.writeEndObject();
    }

    /** JSON has no NaN: a figure the JVM could not measure is {@code null}. */
    private static void writeNumberOrNull(JsonGenerator g, String name, double v, int decimals) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, round(v, decimals));
        }
    }

    /** A table of the implementations, with the speed of ours relative to each (above 1 = we are faster). */
    void printTable(PrintWriter out, MachineInfo machine, String method) {
        boolean int8 = onnxruntimeInt8 != null;
        out.printf(Locale.ROOT, "model     %s (ours: %s weights)%n", model, dtype);
        out.printf(Locale.ROOT, "machine   %s%n", machine.describe());
        out.printf(Locale.ROOT, "method    %d threads each; %s%n%n", threads, method);
        out.printf(Locale.ROOT, "%-30s %12s %12s %14s", "", "ours", "onnxruntime", "ours vs ORT");
        out.printf(Locale.ROOT, int8 ? "%12s %14s%n" : "%n", "ORT int8", "ours vs int8");
        row(out, "throughput 32×128 (seq/s)", "%12.1f", ours.seqPerS(), onnxruntime.seqPerS(),
                int8 ? onnxruntimeInt8.seqPerS() : Double.NaN, true);
        row(out, "latency 1×16 (ms)", "%12.2f", ours.b1T16Ms(), onnxruntime.b1T16Ms(),
                int8 ? onnxruntimeInt8.b1T16Ms() : Double.NaN, false);
        row(out, "latency 1×128 (ms)", "%12.2f", ours.b1T128Ms(), onnxruntime.b1T128Ms(),
                int8 ? onnxruntimeInt8.b1T128Ms() : Double.NaN, false);
        out.printf(Locale.ROOT, "%nours vs ORT: our speed relative to ONNX Runtime's (above 1 = ours faster).%n");
        out.printf(Locale.ROOT, "throughput_ratio = %.3f (ours / onnxruntime sequences per second; target ≥ 0.6)%n",
                throughputRatio());
        out.printf(Locale.ROOT, "allocated per 32×128 pass of ours: %.1f MB (every thread, steady state)%n",
                allocatedMbPerPass);
        if (!Double.isNaN(minCosineVsFloat32)) {
            out.printf(Locale.ROOT, "lowest cosine of a %s embedding to its float32 embedding: %.6f%n", dtype,
                    minCosineVsFloat32);
        }
        out.flush();
    }

    /** One measure: the values, then each ratio oriented so that above 1 means ours is faster. */
    private static void row(PrintWriter out, String label, String format, double ours, double ort, double ortInt8,
                            boolean higherIsFaster) {
        out.printf(Locale.ROOT, "%-30s " + format + " " + format + " %13.2f×", label, ours, ort,
                higherIsFaster ? ours / ort : ort / ours);
        if (!Double.isNaN(ortInt8)) {
            out.printf(Locale.ROOT, " " + format + " %13.2f×", ortInt8, higherIsFaster ? ours / ortInt8 : ortInt8 / ours);
        }
        out.println();
    }

    private static double round(double x, int decimals) {
        double p = Math.pow(10, decimals);
        return Math.round(x * p) / p;
    }
}
