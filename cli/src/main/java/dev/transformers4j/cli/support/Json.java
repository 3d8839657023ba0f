package dev.transformers4j.cli.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Streams the {@code --json} outputs of the commands: one compact JSON object per run. */
public final class Json implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator gen;
    private final StringWriter buffer = new StringWriter();
    private final PrintWriter out;

    public Json(PrintWriter out) {
        this.out = out;
        try {
            gen = FACTORY.createGenerator(buffer);
            gen.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonGenerator gen() {
        return gen;
    }

    /** {@code "name": {"shape": [...], "data": [...]}}. */
    public Json tensor(String name, Tensor t) {
        try {
            gen.writeObjectFieldStart(name);
            gen.writeArrayFieldStart("shape");
            for (int d : t.shape()) {
                gen.writeNumber(d);
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("data");
            for (float v : t.toArray()) {
                gen.writeNumber(v);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Json field(String name, String value) {
        try {
            gen.writeStringField(name, value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Json field(String name, long value) {
        try {
            gen.writeNumberField(name, value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Json ints(String name, int[] values) {
        try {
            gen.writeArrayFieldStart(name);
            for (int v : values) {
                gen.writeNumber(v);
            }
            gen.writeEndArray();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Json floatRows(String name, float[][] rows) {
        try {
            gen.writeArrayFieldStart(name);
            for (float[] row : rows) {
                gen.writeStartArray();
                for (float v : row) {
                    gen.writeNumber(v);
                }
                gen.writeEndArray();
            }
            gen.writeEndArray();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the object and prints it on one line. */
    @Override
    public void close() {
        try {
            gen.writeEndObject();
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(buffer);
        out.flush();
    }
}
