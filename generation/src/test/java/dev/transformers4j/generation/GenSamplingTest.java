package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.testing.Golden;
import org.junit.jupiter.api.Test;

/** Multinomial sampling: reproducible with a seed, degenerate cases equal greedy, frequencies follow softmax. */
class GenSamplingTest {

    static final GPT2LMHeadModel MODEL = GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));
    static final TokenBatch PROMPTS = Generator.leftPadded(java.util.List.of(new int[] {266, 380, 640, 14},
            new int[] {584, 420}), 999);
    static final GenerationConfig SAMPLE = GenerationConfig.builder().doSample(true).maxNewTokens(15)
            .eosTokenId(999).seed(42L).build();

    @Test
    void sameSeedSameTokensOtherSeedOtherTokens() {
        Generator g = new Generator(MODEL);
        GenerateOutput a = g.generate(PROMPTS, SAMPLE);
        GenerateOutput b = g.generate(PROMPTS, SAMPLE);
        GenerateOutput c = g.generate(PROMPTS, SAMPLE.toBuilder().seed(43L).build());
        assertThat(b.ids(0)).containsExactly(a.ids(0));
        assertThat(b.ids(1)).containsExactly(a.ids(1));
        assertThat(c.ids(0)).isNotEqualTo(a.ids(0));
    }

    @Test
    void topKOneAndTinyTemperatureEqualGreedy() {
        Generator g = new Generator(MODEL);
        GenerationConfig greedy = SAMPLE.toBuilder().doSample(false).build();
        GenerateOutput want = g.generate(PROMPTS, greedy);
        GenerateOutput topK1 = g.generate(PROMPTS, SAMPLE.toBuilder().topK(1).build());
        GenerateOutput cold = g.generate(PROMPTS, SAMPLE.toBuilder().topK(0).temperature(1e-5).build());
        for (int i = 0; i < 2; i++) {
            assertThat(topK1.ids(i)).containsExactly(want.ids(i));
            assertThat(cold.ids(i)).containsExactly(want.ids(i));
        }
    }

    @Test
    void numReturnSequencesSamplesEachPromptSeveralTimes() {
        GenerateOutput out = new Generator(MODEL).generate(PROMPTS, SAMPLE.toBuilder().numReturnSequences(3).build());
        assertThat(out.sequences()).hasSize(6);
        assertThat(out.ids(0)).startsWith(PROMPTS.row(0));
        assertThat(out.ids(3)).startsWith(PROMPTS.row(1));
    }

    @Test
    void frequenciesFollowTheProcessedDistribution() {
        MarkovLM model = MarkovLM.constant(3, (float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2));
        GenerationConfig one = GenerationConfig.builder().doSample(true).maxNewTokens(1).numReturnSequences(20000)
                .seed(7L).build();
        assertThat(frequencies(model, one)).containsExactly(new double[] {0.5, 0.3, 0.2}, offset(0.015));
        // top_k 2 renormalises over the two best: 0.625, 0.375
        assertThat(frequencies(model, one.toBuilder().topK(2).build()))
                .containsExactly(new double[] {0.625, 0.375, 0}, offset(0.015));
    }

    static double[] frequencies(MarkovLM model, GenerationConfig c) {
        GenerateOutput out = new Generator(model).generate(TokenBatch.of(0), c);
        double[] f = new double[3];
        for (int i = 0; i < out.sequences().size(); i++) {
            f[out.newIds(i)[0]] += 1.0 / out.sequences().size();
        }
        return f;
    }
}
