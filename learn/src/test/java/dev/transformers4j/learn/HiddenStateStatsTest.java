package dev.transformers4j.learn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.testing.Golden;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Norms and cosines agree with the same statistics computed here from HF's own {@code hidden_states}. */
class HiddenStateStatsTest {

    @Test
    void matchesStatisticsOfHuggingFaceHiddenStates() {
        JsonNode c = GoldenModels.testCase("bert-mlm", "single_short");
        HiddenStateStats stats = HiddenStateStats.of(GoldenModels.BERT, GoldenModels.tokens(GoldenModels.BERT, c));
        float[] golden = Golden.floats(c.get("outputs").get("hidden_states"));          // [3, 1, 7, 64]
        int t = 7;
        int width = 64;
        assertThat(stats.layers()).extracting(HiddenStateStats.Layer::name)
                .containsExactly("embeddings", "encoder.layer.0", "encoder.layer.1");
        for (int l = 0; l < 3; l++) {
            double norms = 0;
            double cosines = 0;
            for (int i = 0; i < t; i++) {
                double[] h = row(golden, (l * t + i) * width, width);
                double[] last = row(golden, (2 * t + i) * width, width);
                norms += Math.sqrt(dot(h, h));
                cosines += dot(h, last) / Math.sqrt(dot(h, h) * dot(last, last));
            }
            HiddenStateStats.Layer row = stats.layers().get(l);
            assertThat(row.meanNorm()).as("layer %d norm", l).isCloseTo(norms / t, Offset.offset(1e-4 * norms / t));
            assertThat(row.cosineToFinal()).as("layer %d cosine", l).isCloseTo(cosines / t, Offset.offset(1e-4));
        }
        assertThat(stats.layers().get(2).cosineToFinal()).isCloseTo(1.0, Offset.offset(1e-6));
    }

    @Test
    void gpt2NamesItsLastHiddenStateAfterLnF() {
        HiddenStateStats stats = HiddenStateStats.of(GoldenModels.GPT2, GoldenModels.GPT2.tokens(new int[] {1, 2, 3}));
        assertThat(stats.layers()).extracting(HiddenStateStats.Layer::name)
                .containsExactly("wte + wpe", "h.0", "h.1 + ln_f");
        HiddenStateStats marian = HiddenStateStats.of(GoldenModels.MARIAN, GoldenModels.MARIAN.tokens(new int[] {5, 0}));
        assertThat(marian.layers()).extracting(HiddenStateStats.Layer::name)
                .containsExactly("embeddings", "encoder.layers.0", "encoder.layers.1");
    }

    private static double[] row(float[] data, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = data[from + i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
