package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {

    private static Tensor random(Random r, int... shape) {
        float[] v = new float[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, shape);
    }

    /** The definition of a matrix product, in double, for checking. */
    private static double[] naiveMatmul(Tensor a, Tensor b) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a.get(i, p) * b.get(p, j);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void viewsShareDataAndIndexCorrectly() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor tt = t.transpose(0, 1);                         // [3, 2]
        assertThat(tt.shape()).containsExactly(3, 2);
        assertThat(tt.get(2, 1)).isEqualTo(5f);
        assertThat(tt.isContiguous()).isFalse();
        assertThat(tt.toArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(t.slice(1, 1, 3).toArray()).containsExactly(1, 2, 4, 5);
        assertThat(t.select(0, 1).toArray()).containsExactly(3, 4, 5);
        assertThat(t.reshape(3, -1).shape()).containsExactly(3, 2);
        assertThat(t.unsqueeze(0).shape()).containsExactly(1, 2, 3);
        t.set(9f, 0, 2);
        assertThat(tt.get(2, 0)).isEqualTo(9f);
    }

    @Test
    void permuteRoundTrip() {
        Tensor x = random(new Random(1), 2, 3, 4, 5);
        Tensor p = x.permute(0, 2, 1, 3);                      // [2, 4, 3, 5]
        assertThat(p.get(1, 3, 2, 4)).isEqualTo(x.get(1, 2, 3, 4));
        assertThat(p.permute(0, 2, 1, 3).toArray()).containsExactly(x.toArray());
    }

    @Test
    void broadcastingElementwise() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor col = Tensor.of(new float[] {100, 200}, 2, 1);
        assertThat(a.add(row).toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(a.add(col).toArray()).containsExactly(101, 102, 103, 204, 205, 206);
        assertThat(a.mul(col).toArray()).containsExactly(100, 200, 300, 800, 1000, 1200);
        assertThatThrownBy(() -> a.add(Tensor.zeros(4))).hasMessageContaining("[2, 3] and [4] do not broadcast");
    }

    @Test
    void matmulAgainstDefinitionIncludingTransposedViews() {
        Random r = new Random(7);
        for (int[] mkn : new int[][] {{1, 1, 1}, {3, 7, 5}, {17, 37, 16}, {65, 64, 3}}) {
            Tensor a = random(r, mkn[0], mkn[1]);
            Tensor b = random(r, mkn[1], mkn[2]);
            double[] want = naiveMatmul(a, b);
            Tensor bt = b.transpose(0, 1).contiguous().transpose(0, 1);  // same values, stored [n, k]
            for (Tensor c : new Tensor[] {a.matmul(b), a.matmul(bt)}) {
                float[] got = c.toArray();
                for (int i = 0; i < want.length; i++) {
                    assertThat((double) got[i]).isCloseTo(want[i], within(1e-4 * Math.sqrt(mkn[1]) + 1e-5));
                }
            }
        }
    }

    @Test
    void batchedMatmulBroadcastsBatchDimensions() {
        Random r = new Random(3);
        Tensor a = random(r, 2, 3, 4, 5);
        Tensor b = random(r, 1, 3, 5, 6);
        Tensor c = a.matmul(b);
        assertThat(c.shape()).containsExactly(2, 3, 4, 6);
        Tensor c11 = a.select(0, 1).select(0, 2).matmul(b.select(0, 0).select(0, 2));
        assertThat(c.select(0, 1).select(0, 2).toArray()).containsExactly(c11.toArray());
    }

    @Test
    void linearIsXTimesWTransposedPlusBias() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);  // [out 3, in 2]
        Tensor b = Tensor.of(new float[] {0.5f, 0, -1}, 3);
        assertThat(x.linear(w, b).toArray()).containsExactly(1.5f, 2f, 2f);
        assertThatThrownBy(() -> x.linear(Tensor.zeros(3, 3), null)).hasMessageContaining("weight [out, 2]");
    }

    @Test
    void softmaxSubtractsMaxAndHandlesMaskedRows() {
        Tensor x = Tensor.of(new float[] {1000, 1001, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2, 3);
        float[] p = x.softmax().toArray();
        assertThat(p[0]).isCloseTo((float) (1 / (1 + Math.E)), within(1e-6f));
        assertThat(p[1]).isCloseTo((float) (Math.E / (1 + Math.E)), within(1e-6f));
        assertThat(p[2]).isEqualTo(0f);
        assertThat(p[3]).isCloseTo(1f / 3, within(1e-7f));
    }

    @Test
    void layerNormIsTwoPassWithEpsInsideTheRoot() {
        // a large common offset breaks one-pass E[x²] − E[x]² in float; two-pass keeps it exact
        Tensor x = Tensor.of(new float[] {10000.0f, 10001.0f, 10002.0f}, 1, 3);
        float[] y = x.layerNorm(Tensor.full(1f, 3), Tensor.zeros(3), 1e-5f).toArray();
        double std = Math.sqrt(2.0 / 3 + 1e-5);
        assertThat((double) y[0]).isCloseTo(-1 / std, within(1e-5));
        assertThat((double) y[2]).isCloseTo(1 / std, within(1e-5));
    }

    @Test
    void geluFormsFollowTheirDefinitions() {
        Tensor x = Tensor.of(new float[] {-3, -1, 0, 0.5f, 2}, 5);
        float[] erf = x.gelu().toArray();
        float[] tanh = x.geluTanh().toArray();
        // torch.nn.functional.gelu values
        assertThat(erf).containsExactly(new float[] {-0.0040496886f, -0.15865526f, 0f, 0.34573123f, 1.9544997f},
                within(1e-6f));
        assertThat(tanh).containsExactly(new float[] {-0.0036373436f, -0.15880796f, 0f, 0.34571401f, 1.9545977f},
                within(1e-6f));
    }

    @Test
    void embeddingGatherNamesBadIds() {
        Tensor w = Tensor.of(new float[] {0, 0, 1, 1, 2, 2}, 3, 2);
        assertThat(Tensor.embedding(w, new int[] {2, 0}, 1, 2).toArray()).containsExactly(2, 2, 0, 0);
        assertThatThrownBy(() -> Tensor.embedding(w, new int[] {3}, 1))
                .hasMessageContaining("token id 3 is outside the vocabulary [0, 3)");
    }

    @Test
    void erfMatchesHighPrecisionValues() {
        double[][] known = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
                {2, 0.9953222650189527}, {3.5, 0.9999992569016276}, {-0.7, -0.6778011938374184}, {6, 1.0}};
        for (double[] k : known) {
            assertThat(MathFunctions.erf(k[0])).as("erf(%s)", k[0]).isCloseTo(k[1], within(1e-14));
        }
    }
}
