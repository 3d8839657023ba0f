package dev.transformers4j.models.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the Hugging Face golden fixtures (copied from {@code shared/golden} into test resources) and
 * compares our tensors with them using the recommended rule {@code |x − g| ≤ atol + rtol·|g|}.
 */
public final class Golden {

    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** Parses a golden JSON file from the test classpath ({@code golden/...}); fails when it is missing. */
    public static JsonNode json(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource golden/" + resource + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder of the test classpath ({@code golden/bert-mlm}). */
    public static Path dir(String resource) {
        var url = Golden.class.getResource("/golden/" + resource);
        if (url == null) {
            throw new IllegalStateException("test resource golden/" + resource + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case of a forward file with the given name. */
    public static JsonNode testCase(JsonNode file, String name) {
        for (JsonNode c : file.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    public static int[] shape(JsonNode tensor) {
        return toInts(tensor.get("shape"));
    }

    public static float[] floats(JsonNode tensor) {
        JsonNode data = tensor.get("data");
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data.get(i).asDouble();
        }
        return out;
    }

    public static int[] ints(JsonNode tensor) {
        return toInts(tensor.get("data"));
    }

    public static Tensor tensor(JsonNode t) {
        return Tensor.of(floats(t), shape(t));
    }

    private static int[] toInts(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Asserts shape equality and {@code |x − g| ≤ atol + rtol·|g|} everywhere, naming the worst element. */
    public static void assertClose(String what, Tensor actual, JsonNode golden) {
        assertClose(what, actual, golden, ATOL, RTOL);
    }

    public static void assertClose(String what, Tensor actual, JsonNode golden, double atol, double rtol) {
        assertClose(what, actual, tensor(golden), atol, rtol);
    }

    /** As {@link #assertClose(String, Tensor, JsonNode)} against a tensor (a slice of a fixture, another backend's result). */
    public static void assertClose(String what, Tensor actual, Tensor golden) {
        assertClose(what, actual, golden, ATOL, RTOL);
    }

    private static void assertClose(String what, Tensor actual, Tensor golden, double atol, double rtol) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(golden.shape());
        float[] x = actual.toArray();
        float[] g = golden.toArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < g.length; i++) {
            double excess = Math.abs(x[i] - g[i]) - (atol + rtol * Math.abs(g[i]));
            if (!(excess <= worstExcess)) {
                worst = i;
                worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " of " + Arrays.toString(golden.shape()) + " is " + x[worst]
                    + " but HF gives " + g[worst] + " (|diff| = " + Math.abs(x[worst] - g[worst]) + ")");
        }
    }

    /** Stacks tensors of equal shape along a new first dimension (HF's stacked hidden_states / attentions). */
    public static Tensor stack(List<Tensor> ts) {
        int[] inner = ts.get(0).shape();
        int n = ts.get(0).numel();
        float[] out = new float[n * ts.size()];
        for (int i = 0; i < ts.size(); i++) {
            System.arraycopy(ts.get(i).toArray(), 0, out, i * n, n);
        }
        int[] shape = new int[inner.length + 1];
        shape[0] = ts.size();
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return Tensor.of(out, shape);
    }
}
