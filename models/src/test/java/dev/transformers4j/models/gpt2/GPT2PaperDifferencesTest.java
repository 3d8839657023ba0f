package dev.transformers4j.models.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import org.junit.jupiter.api.Test;

/**
 * Where GPT-2 departs from §3.1: pre-LN blocks ({@code x + Sublayer(LayerNorm(x))}) and one final LayerNorm
 * {@code ln_f}, on the example of {@code MarianPaperTest.postLayerNormAfterEachResidualSum} (same x and
 * biases, every weight 0). The numbers are in {@code docs/paper-to-code.md}.
 */
class GPT2PaperDifferencesTest {

    /** V = 2, C = 4, one block with 2 heads, F = 2, no dropout. */
    private static final GPT2Config CONFIG = GPT2Config.small().toBuilder().vocabSize(2).nPositions(4).nEmbd(4)
            .nLayer(1).nHead(2).nInner(2).residPdrop(0).embdPdrop(0).attnPdrop(0).bosTokenId(1).eosTokenId(1).build();

    /** Every weight and bias 0 but the two sub-layers' output biases (LayerNorm gains stay 1). */
    private static <M extends Module> M withOnlyOutputBiases(M m, String prefix) {
        m.namedParameters().forEach((name, p) -> {
            if (!name.matches(".*ln_\\w+\\.weight")) {
                p.set(name, Tensor.zeros(p.shape()));
            }
        });
        m.namedParameters().get(prefix + "attn.c_proj.bias").set("attn bias", Tensor.of(new float[] {-1, 0, 3, 2}, 4));
        m.namedParameters().get(prefix + "mlp.c_proj.bias").set("mlp bias", Tensor.of(new float[] {0, 0, 0, 4}, 4));
        return m;
    }

    /**
     * Pre-LN: attention and MLP read a normalised copy, but the residual stream itself is never normalised:
     * x + b^O + b_2 = (1, 0, −1, 0) + (−1, 0, 3, 2) + (0, 0, 0, 4) = (0, 0, 2, 6), exactly (the post-LN layer gives
     * (−0.816495, −0.816495, −0.000002, 1.632992)).
     */
    @Test
    void preLayerNormBlockLeavesTheResidualStreamUnnormalised() {
        GPT2Block block = withOnlyOutputBiases(new GPT2Block(CONFIG, 0), "");
        var r = block.forward(Tensor.of(new float[] {1, 0, -1, 0}, 1, 1, 4), null, null);
        assertThat(r.hiddenState().toArray()).containsExactly(0, 0, 2, 6);
    }

    /**
     * ... so GPT-2 ends with {@code ln_f}: (0, 0, 2, 6) has mean 2 and variance 6, giving (−2, −2, 0, 4)/√(6 + ε)
     * = (−0.816496, −0.816496, 0, 1.632992). Token 0's embedding is x, positions are 0.
     */
    @Test
    void finalLayerNormAfterTheLastBlock() {
        GPT2Model model = withOnlyOutputBiases(new GPT2Model(CONFIG), "h.0.");
        model.namedParameters().get("wte.weight").set("wte", Tensor.of(new float[] {1, 0, -1, 0, 0, 0, 0, 0}, 2, 4));
        var out = model.forward(DecoderInput.of(TokenBatch.of(0)), null, ForwardOptions.DEFAULT);
        float[] h = out.lastHiddenState().toArray();
        double[] expected = {-0.816496, -0.816496, 0, 1.632992};
        for (int i = 0; i < 4; i++) {
            assertThat((double) h[i]).as("ln_f output %d", i).isCloseTo(expected[i], within(1e-6));
        }
    }
}
