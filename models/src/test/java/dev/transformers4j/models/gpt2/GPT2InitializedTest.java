package dev.transformers4j.models.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HF's {@code GPT2PreTrainedModel._init_weights}, with the residual projections scaled by 1/√(2·n_layer). */
class GPT2InitializedTest {

    /** V = 97, T = 8, C = 64, 3 blocks, 4 heads, F = 37: enough values for a standard deviation to 10%. */
    private static final GPT2Config CONFIG = GPT2Config.small().toBuilder().vocabSize(97).nPositions(8).nEmbd(64)
            .nLayer(3).nHead(4).nInner(37).build();

    @Test
    void weightsAreNormalWithTheResidualProjectionsScaledDown() {
        Map<String, Parameter> p = GPT2LMHeadModel.initialized(CONFIG, 5).namedParameters();
        assertThat(std(p.get("transformer.wte.weight"))).isCloseTo(0.02, within(0.002));
        assertThat(std(p.get("transformer.h.1.attn.c_attn.weight"))).isCloseTo(0.02, within(0.002));
        assertThat(std(p.get("transformer.h.1.mlp.c_fc.weight"))).isCloseTo(0.02, within(0.002));
        double residual = 0.02 / Math.sqrt(2 * 3);                                       // 0.00816
        assertThat(std(p.get("transformer.h.1.attn.c_proj.weight"))).isCloseTo(residual, within(0.0008));
        assertThat(std(p.get("transformer.h.2.mlp.c_proj.weight"))).isCloseTo(residual, within(0.0008));
        assertThat(p.get("transformer.h.0.attn.c_proj.bias").value().toArray()).containsOnly(0f);
        assertThat(p.get("transformer.h.0.ln_1.weight").value().toArray()).containsOnly(1f);
        assertThat(p.get("transformer.ln_f.bias").value().toArray()).containsOnly(0f);
    }

    @Test
    void theSeedFixesEveryWeight() {
        Map<String, Parameter> a = GPT2LMHeadModel.initialized(CONFIG, 5).namedParameters();
        Map<String, Parameter> b = GPT2LMHeadModel.initialized(CONFIG, 5).namedParameters();
        Map<String, Parameter> c = GPT2LMHeadModel.initialized(CONFIG, 6).namedParameters();
        a.forEach((name, p) -> assertThat(b.get(name).value().toArray()).as(name).containsExactly(p.value().toArray()));
        assertThat(c.get("transformer.wpe.weight").value().toArray())
                .isNotEqualTo(a.get("transformer.wpe.weight").value().toArray());
    }

    private static double std(Parameter p) {
        float[] v = p.value().toArray();
        double sum = 0;
        double squares = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / v.length;
        return Math.sqrt(squares / v.length - mean * mean);
    }
}
