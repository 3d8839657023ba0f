package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.transformers4j.generation.logits.ForcedEOSTokenLogitsProcessor;
import dev.transformers4j.generation.logits.LogitsProcessor;
import dev.transformers4j.generation.logits.LogitsProcessorList;
import dev.transformers4j.generation.logits.MinNewTokensLengthLogitsProcessor;
import dev.transformers4j.generation.logits.MinPLogitsWarper;
import dev.transformers4j.generation.logits.NoBadWordsLogitsProcessor;
import dev.transformers4j.generation.logits.NoRepeatNGramLogitsProcessor;
import dev.transformers4j.generation.logits.RepetitionPenaltyLogitsProcessor;
import dev.transformers4j.generation.logits.TemperatureLogitsWarper;
import dev.transformers4j.generation.logits.TopKLogitsWarper;
import dev.transformers4j.generation.logits.TopPLogitsWarper;
import dev.transformers4j.generation.logits.TypicalLogitsWarper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each logits processor on a vocabulary of 5–6 tokens, against values worked out by hand from HF's code. */
class GenLogitsProcessorsTest {

    static final float NEG = Float.NEGATIVE_INFINITY;

    static float[] run(LogitsProcessor p, int[] ids, float... scores) {
        float[] s = scores.clone();
        p.process(new int[][] {ids}, s);
        return s;
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOnce() {
        // tokens 1 (twice) and 3 seen: 2.0 / 2 = 1.0, −1.0 · 2 = −2.0; 0, 2, 4 untouched
        float[] s = run(new RepetitionPenaltyLogitsProcessor(2.0), new int[] {1, 3, 1}, 0.5f, 2.0f, 1.0f, -1.0f, 3f);
        assertThat(s).containsExactly(0.5f, 1.0f, 1.0f, -2.0f, 3f);
    }

    @Test
    void noRepeatNGramBansTheTokenThatWouldRepeatABigram() {
        // bigrams of [0 1 2 0]: (0,1) (1,2) (2,0); the row ends with 0, so 1 is banned
        float[] s = run(new NoRepeatNGramLogitsProcessor(2), new int[] {0, 1, 2, 0}, 1, 1, 1, 1, 1);
        assertThat(s).containsExactly(1, NEG, 1, 1, 1);
        // trigrams of [0 1 2 0 1]: (0,1,2) (1,2,0) (2,0,1); ends with (0,1) → 2 banned
        s = run(new NoRepeatNGramLogitsProcessor(3), new int[] {0, 1, 2, 0, 1}, 1, 1, 1, 1, 1);
        assertThat(s).containsExactly(1, 1, NEG, 1, 1);
        // too short for a trigram yet: nothing banned
        s = run(new NoRepeatNGramLogitsProcessor(3), new int[] {4}, 1, 1, 1, 1, 1);
        assertThat(s).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void badWordsBanSingleTokensAlwaysAndSequencesAfterTheirPrefix() {
        var p = new NoBadWordsLogitsProcessor(List.of(List.of(2), List.of(0, 1, 4), List.of(5)), List.of(5));
        // [2] always; [0 1 4] only after "0 1"; [5] is the EOS id so HF drops it
        assertThat(run(p, new int[] {3, 0, 1}, 1, 1, 1, 1, 1, 1)).containsExactly(1, 1, NEG, 1, NEG, 1);
        assertThat(run(p, new int[] {0, 3}, 1, 1, 1, 1, 1, 1)).containsExactly(1, 1, NEG, 1, 1, 1);
    }

    @Test
    void minNewTokensForbidsEveryEosUntilEnoughNewTokens() {
        var p = new MinNewTokensLengthLogitsProcessor(3, 2, List.of(4, 1));
        assertThat(run(p, new int[] {9, 9, 9, 0}, 1, 1, 1, 1, 1)).containsExactly(1, NEG, 1, 1, NEG);  // 1 new
        assertThat(run(p, new int[] {9, 9, 9, 0, 2}, 1, 1, 1, 1, 1)).containsExactly(1, 1, 1, 1, 1);   // 2 new
    }

    @Test
    void forcedEosAtTheLastPosition() {
        var p = new ForcedEOSTokenLogitsProcessor(4, List.of(3));
        assertThat(run(p, new int[] {0, 1, 2}, 1, 2, 3, 4, 5)).containsExactly(NEG, NEG, NEG, 0, NEG);
        assertThat(run(p, new int[] {0, 1}, 1, 2, 3, 4, 5)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void temperatureDivides() {
        assertThat(run(new TemperatureLogitsWarper(0.5), new int[0], 1, -2, 0, 3, 0.25f))
                .containsExactly(2, -4, 0, 6, 0.5f);
    }

    @Test
    void topKKeepsTheKBestAndTiesWithTheKth() {
        assertThat(run(new TopKLogitsWarper(2, 1), new int[0], 1, 5, 3, 2, 0)).containsExactly(NEG, 5, 3, NEG, NEG);
        // the 2nd best value 3 occurs twice: both stay (scores < kth are removed)
        assertThat(run(new TopKLogitsWarper(2, 1), new int[0], 3, 5, 3, 2, 0)).containsExactly(3, 5, 3, NEG, NEG);
        // min_tokens_to_keep raises k
        assertThat(run(new TopKLogitsWarper(1, 3), new int[0], 1, 5, 3, 2, 0)).containsExactly(NEG, 5, 3, 2, NEG);
    }

    @Test
    void topPKeepsTheSmallestSetAboveTheMass() {
        // probabilities 0.1 0.2 0.3 0.4 (log-probs as scores); ascending cumsum 0.1 0.3 0.6 1.0;
        // top_p 0.65 removes cumsum ≤ 0.35: tokens 0 and 1
        float[] s = logs(0.1, 0.2, 0.3, 0.4);
        assertThat(run(new TopPLogitsWarper(0.65, 1), new int[0], s)).containsExactly(NEG, NEG, s[2], s[3]);
        // top_p 0.35 removes cumsum ≤ 0.65: only 0.4 stays
        assertThat(run(new TopPLogitsWarper(0.35, 1), new int[0], s)).containsExactly(NEG, NEG, NEG, s[3]);
        // min_tokens_to_keep 2 keeps the two best
        assertThat(run(new TopPLogitsWarper(0.35, 2), new int[0], s)).containsExactly(NEG, NEG, s[2], s[3]);
    }

    @Test
    void minPRemovesTokensBelowAFractionOfTheTopProbability() {
        // p = 0.5 0.25 0.15 0.1; min_p 0.4 → threshold 0.2: 0.15 and 0.1 removed
        float[] s = logs(0.5, 0.25, 0.15, 0.1);
        assertThat(run(new MinPLogitsWarper(0.4, 1), new int[0], s)).containsExactly(s[0], s[1], NEG, NEG);
        assertThat(run(new MinPLogitsWarper(0.4, 3), new int[0], s)).containsExactly(s[0], s[1], s[2], NEG);
    }

    @Test
    void typicalKeepsTokensWhoseInformationIsClosestToTheEntropy() {
        // p = 0.4 0.3 0.2 0.1: H = 1.2799; |−log p − H| = 0.364, 0.076, 0.330, 1.023.
        // Sorted: token1 (0.3), token2 (0.2), token0 (0.4), token3 (0.1); cumsum 0.3 0.5 0.9 1.0.
        // mass 0.45: one cumsum < 0.45 → cutoff = distance of the 2nd (token2) → tokens 0 and 3 removed.
        float[] s = logs(0.4, 0.3, 0.2, 0.1);
        assertThat(run(new TypicalLogitsWarper(0.45, 1), new int[0], s)).containsExactly(NEG, s[1], s[2], NEG);
        // mass 0.95: three cumsums < 0.95 → cutoff = token3's distance → all stay
        assertThat(run(new TypicalLogitsWarper(0.95, 1), new int[0], s)).containsExactly(s);
    }

    @Test
    void processorsApplyPerRow() {
        float[] s = {1, 2, 3, -1, -2, -3};
        new RepetitionPenaltyLogitsProcessor(2).process(new int[][] {{0}, {0}}, s);
        assertThat(s).containsExactly(0.5f, 2, 3, -2, -2, -3);
    }

    @Test
    void forConfigFollowsHuggingFaceOrder() {
        GenerationConfig c = GenerationConfig.builder().doSample(true).temperature(0.7).topP(0.9).minP(0.1)
                .typicalP(0.9).repetitionPenalty(1.2).noRepeatNgramSize(3).badWordsIds(List.of(List.of(1)))
                .minNewTokens(2).eosTokenId(4).forcedEosTokenId(4).build();
        List<Class<?>> order = LogitsProcessorList.forConfig(c, 3, 10).processors().stream()
                .<Class<?>>map(Object::getClass).toList();
        assertThat(order).containsExactly(RepetitionPenaltyLogitsProcessor.class, NoRepeatNGramLogitsProcessor.class,
                NoBadWordsLogitsProcessor.class, MinNewTokensLengthLogitsProcessor.class,
                ForcedEOSTokenLogitsProcessor.class, TemperatureLogitsWarper.class, TopKLogitsWarper.class,
                TopPLogitsWarper.class, MinPLogitsWarper.class, TypicalLogitsWarper.class);
        // greedy: no warpers, and HF's top_k=50 default is not applied
        assertThat(LogitsProcessorList.forConfig(GenerationConfig.defaults(), 3, 10).isEmpty()).isTrue();
    }

    @Test
    void processorsRejectSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> new TopKLogitsWarper(0, 1)).hasMessageContaining("top_k");
        assertThatThrownBy(() -> new TemperatureLogitsWarper(0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new RepetitionPenaltyLogitsProcessor(-1)).hasMessageContaining("repetition_penalty");
        assertThatThrownBy(() -> new TypicalLogitsWarper(1.0, 1)).hasMessageContaining("typical_p");
    }

    static float[] logs(double... p) {
        float[] s = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = (float) Math.log(p[i]);
        }
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, offset(1e-12));
        return s;
    }
}
