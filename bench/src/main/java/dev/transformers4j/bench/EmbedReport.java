package dev.transformers4j.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The result of {@code t4j bench embed}: our figures and ONNX Runtime's, as one JSON line or as a table. */
record EmbedReport(String model, int threads, EmbedFigures ours, EmbedFigures onnxruntime) {

    /** {@code ours.seq_per_s / onnxruntime.seq_per_s}. */
    double throughputRatio() {
        return ours.seqPerS() / onnxruntime.seqPerS();
    }

    /** {@code {"model":…,"threads":2,"ours":{…},"onnxruntime":{…},"throughput_ratio":…}} on one line. */
    void printJson(PrintWriter out) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeNumberField("threads", threads);
            writeFigures(g, "ours", ours);
            writeFigures(g, "onnxruntime", onnxruntime);
            g.writeNumberField("throughput_ratio", round(throughputRatio(), 3));
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

    /** A table of both implementations, with the speed of ours relative to ONNX Runtime (above 1 = we are faster). */
    void printTable(PrintWriter out, MachineInfo machine, String method) {
        out.printf(Locale.ROOT, "model     %s%n", model);
        out.printf(Locale.ROOT, "machine   %s%n", machine.describe());
        out.printf(Locale.ROOT, "method    %d threads each; %s%n%n", threads, method);
        out.printf(Locale.ROOT, "%-30s %12s %12s %14s%n", "", "ours", "onnxruntime", "ours vs ORT");
        out.printf(Locale.ROOT, "%-30s %12.1f %12.1f %13.2f×%n", "throughput 32×128 (seq/s)",
                ours.seqPerS(), onnxruntime.seqPerS(), throughputRatio());
        out.printf(Locale.ROOT, "%-30s %12.2f %12.2f %13.2f×%n", "latency 1×16 (ms)",
                ours.b1T16Ms(), onnxruntime.b1T16Ms(), onnxruntime.b1T16Ms() / ours.b1T16Ms());
        out.printf(Locale.ROOT, "%-30s %12.2f %12.2f %13.2f×%n", "latency 1×128 (ms)",
                ours.b1T128Ms(), onnxruntime.b1T128Ms(), onnxruntime.b1T128Ms() / ours.b1T128Ms());
        out.printf(Locale.ROOT, "%nours vs ORT: our speed relative to ONNX Runtime's (above 1 = ours faster).%n");
        out.printf(Locale.ROOT, "throughput_ratio = %.3f (ours / onnxruntime sequences per second; target ≥ 0.6)%n",
                throughputRatio());
        out.flush();
    }

    private static double round(double x, int decimals) {
        double p = Math.pow(10, decimals);
        return Math.round(x * p) / p;
    }
}
