package dev.transformers4j.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.testing.Golden;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The lens's last row and the next-token distribution are HF's own logits (softmax of the golden last position);
 * an intermediate row is ln_f then the tied head applied by hand to HF's hidden state.
 */
class LogitLensTest {

    static final JsonNode CASE = GoldenModels.testCase("gpt2-lm", "single_long");
    static final List<Token> TOKENS = GoldenModels.tokens(GoldenModels.GPT2, CASE);
    static final int T = 40;
    static final int V = 1000;
    static final int C = 64;

    @Test
    void nextTokenIsTheSoftmaxOfHuggingFaceLogits() {
        NextToken next = NextToken.of(GoldenModels.GPT2, TOKENS, 5);
        double[] want = softmax(Golden.floats(CASE.get("outputs").get("logits")), (T - 1) * V, V);
        assertThat(next.top()).extracting(Prediction::id).containsExactly(385, 475, 572, 848, 236);
        for (Prediction p : next.top()) {
            assertThat(p.probability()).isCloseTo(want[p.id()], Offset.offset(1e-5));
            assertThat(p.token()).isEqualTo("#" + p.id());
        }
    }

    @Test
    void lastRowIsTheModelsOwnPrediction() {
        LogitLens lens = LogitLens.of(GoldenModels.GPT2, TOKENS, 5, false);
        assertThat(lens.positions()).containsExactly(T - 1);
        assertThat(lens.rows()).extracting(LogitLens.Row::name).containsExactly("wte + wpe", "h.0", "h.1 + ln_f");
        List<Prediction> last = lens.rows().getLast().predictions().getFirst();
        // the lens records every layer (output_attentions: the eager attention), next-token is the plain
        // forward (fused): the same tokens, probabilities equal up to rounding
        List<Prediction> own = NextToken.of(GoldenModels.GPT2, TOKENS, 5).top();
        assertThat(last).extracting(Prediction::id)
                .containsExactlyElementsOf(own.stream().map(Prediction::id).toList());
        for (int i = 0; i < own.size(); i++) {
            assertThat(last.get(i).probability()).isCloseTo(own.get(i).probability(), Offset.offset(1e-6));
        }
        LogitLens every = LogitLens.of(GoldenModels.GPT2, TOKENS, 1, true);
        assertThat(every.positions()).hasSize(T);
        float[] logits = Golden.floats(CASE.get("outputs").get("logits"));
        for (int p = 0; p < T; p++) {
            assertThat(every.rows().getLast().predictions().get(p).getFirst().id()).as("position %d", p)
                    .isEqualTo(argmax(logits, p * V, V));
        }
    }

    @Test
    void intermediateRowIsLnFThenTheTiedHeadOnHuggingFaceHiddenState() {
        LogitLens lens = LogitLens.of(GoldenModels.GPT2, TOKENS, 3, false);
        float[] hidden = Golden.floats(CASE.get("outputs").get("hidden_states"));     // [3, 1, T, C]
        GPT2LMHeadModel gpt2 = (GPT2LMHeadModel) GoldenModels.GPT2.model();
        float[] gamma = gpt2.transformer().lnF().namedParameters().get("weight").value().toArray();
        float[] beta = gpt2.transformer().lnF().namedParameters().get("bias").value().toArray();
        float[] wte = gpt2.transformer().wte().weight().value().toArray();          // [V, C]
        double[] h = layerNorm(hidden, (1 * T + T - 1) * C, gamma, beta, gpt2.config().layerNormEpsilon());
        float[] logits = new float[V];
        for (int v = 0; v < V; v++) {
            double s = 0;
            for (int i = 0; i < C; i++) {
                s += h[i] * wte[v * C + i];
            }
            logits[v] = (float) s;
        }
        double[] probs = softmax(logits, 0, V);
        List<Prediction> row = lens.rows().get(1).predictions().getFirst();
        assertThat(row.getFirst().id()).isEqualTo(argmax(logits, 0, V));
        for (Prediction p : row) {
            assertThat(p.probability()).isCloseTo(probs[p.id()], Offset.offset(1e-4));
        }
    }

    @Test
    void refusesAnEncoder() {
        assertThatThrownBy(() -> LogitLens.of(GoldenModels.BERT, GoldenModels.BERT.tokens(new int[] {101}), 3, false))
                .hasMessage("bert-mlm: the logit lens needs a decoder-only language model (GPT2LMHeadModel) but this"
                        + " is BertForMaskedLM");
        assertThatThrownBy(() -> NextToken.of(GoldenModels.GPT2, TOKENS, 0)).hasMessage("top-k 0: expected at least 1");
    }

    /** Two-pass LayerNorm with eps inside the square root, as torch computes it. */
    private static double[] layerNorm(float[] x, int from, float[] gamma, float[] beta, double eps) {
        double mean = 0;
        for (int i = 0; i < C; i++) {
            mean += x[from + i];
        }
        mean /= C;
        double var = 0;
        for (int i = 0; i < C; i++) {
            var += (x[from + i] - mean) * (x[from + i] - mean);
        }
        double inv = 1 / Math.sqrt(var / C + eps);
        double[] out = new double[C];
        for (int i = 0; i < C; i++) {
            out[i] = (x[from + i] - mean) * inv * gamma[i] + beta[i];
        }
        return out;
    }

    private static double[] softmax(float[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[from + i]);
        }
        double sum = 0;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(x[from + i] - max);
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static int argmax(float[] x, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[from + i] > x[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
