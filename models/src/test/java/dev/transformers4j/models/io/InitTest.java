package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import org.junit.jupiter.api.Test;

/** HF's {@code _init_weights}: LayerNorms are found by module type, so GPT-2's {@code ln_*} start at 1 and 0. */
class InitTest {

    @Test
    void layerNormsOfEveryNameStartAtOneAndZeroOtherWeightsAreNormal() {
        GPT2LMHeadModel m = new GPT2LMHeadModel(GPT2Config.small().toBuilder().vocabSize(37).nPositions(8).nEmbd(16)
                .nLayer(1).nHead(2).nInner(24).residPdrop(0).embdPdrop(0).attnPdrop(0).bosTokenId(0).eosTokenId(0)
                .build());
        Init.initialize(m, m.namedParameters().keySet(), 0.02, 3);
        var p = m.namedParameters();
        for (String ln : new String[] {"transformer.h.0.ln_1", "transformer.h.0.ln_2", "transformer.ln_f"}) {
            assertThat(p.get(ln + ".weight").value().toArray()).as(ln).containsOnly(1f);
            assertThat(p.get(ln + ".bias").value().toArray()).as(ln).containsOnly(0f);
        }
        assertThat(p.get("transformer.h.0.attn.c_attn.bias").value().toArray()).containsOnly(0f);
        float[] w = p.get("transformer.h.0.attn.c_attn.weight").value().toArray();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        assertThat(Math.sqrt(sq / w.length)).isBetween(0.015, 0.025);
    }
}
