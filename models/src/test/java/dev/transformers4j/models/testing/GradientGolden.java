package dev.transformers4j.models.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Parameter;
import java.util.Arrays;
import java.util.Map;

/**
 * Compares our parameter gradients with a golden {@code *.train.json} under the training rule
 * {@code |x − g| ≤ 1e-5 + 1e-3·|g|}, and records the largest absolute error seen (for reports).
 */
public final class GradientGolden {

    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    private double maxAbsError;
    private String worst = "";

    /** The largest |x − g| over every compared element. */
    public double maxAbsError() {
        return maxAbsError;
    }

    /** Which parameter and element had {@link #maxAbsError()}. */
    public String worst() {
        return worst;
    }

    /**
     * Checks every gradient the file lists. A {@code rows} entry (BERT's word embeddings) lists some rows;
     * every other row must be exactly zero.
     */
    public void assertMatches(JsonNode grads, Map<String, Parameter> params) {
        for (var it = grads.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            Parameter p = params.get(e.getKey());
            assertThat(p).as("parameter " + e.getKey()).isNotNull();
            assertThat(p.grad()).as("gradient of " + e.getKey()).isNotNull();
            if (e.getValue().has("rows")) {
                assertRows(e.getKey(), p.grad(), e.getValue());
            } else {
                assertThat(p.grad().shape()).as(e.getKey() + " shape").containsExactly(Golden.shape(e.getValue()));
                compare(e.getKey(), p.grad().toArray(), Golden.floats(e.getValue()), 0);
            }
        }
    }

    private void assertRows(String name, Tensor grad, JsonNode entry) {
        int[] rows = Golden.ints(wrap(entry.get("rows")));
        int[] full = Golden.ints(wrap(entry.get("shape_full")));
        assertThat(grad.shape()).as(name + " shape").containsExactly(full);
        float[] g = grad.toArray();
        float[] want = Golden.floats(entry.get("grad_rows"));
        int c = full[1];
        boolean[] listed = new boolean[full[0]];
        for (int i = 0; i < rows.length; i++) {
            listed[rows[i]] = true;
            compare(name + " row " + rows[i], Arrays.copyOfRange(g, rows[i] * c, (rows[i] + 1) * c),
                    Arrays.copyOfRange(want, i * c, (i + 1) * c), 0);
        }
        for (int r = 0; r < full[0]; r++) {
            if (!listed[r]) {
                for (int j = 0; j < c; j++) {
                    if (g[r * c + j] != 0f) {
                        fail(name + ": row " + r + " is not used by the input but has gradient " + g[r * c + j]);
                    }
                }
            }
        }
    }

    private static JsonNode wrap(JsonNode array) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().set("data", array);
    }

    private void compare(String what, float[] x, float[] g, int base) {
        assertThat(x).as(what + " size").hasSameSizeAs(g);
        for (int i = 0; i < g.length; i++) {
            double err = Math.abs(x[i] - g[i]);
            if (err > maxAbsError) {
                maxAbsError = err;
                worst = what + "[" + (base + i) + "]";
            }
            if (!(err <= ATOL + RTOL * Math.abs(g[i]))) {
                fail(what + ": element " + (base + i) + " is " + x[i] + " but HF gives " + g[i] + " (|diff| = " + err + ")");
            }
        }
    }
}
