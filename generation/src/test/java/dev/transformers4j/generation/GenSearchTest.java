package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.transformers4j.models.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stopping (EOS ids, min_new_tokens, stop strings, lengths), streaming and beam bookkeeping on fake models. */
class GenSearchTest {

    static final float NEG = Float.NEGATIVE_INFINITY;

    /** Token i is followed by i + 1 (logit 5), everything else logit 0; vocab 8. */
    static MarkovLM counting() {
        float[][] t = new float[8][8];
        for (int i = 0; i < 8; i++) {
            t[i][(i + 1) % 8] = 5;
        }
        return new MarkovLM(t);
    }

    @Test
    void greedyStopsEachRowAtAnyOfSeveralEosIdsAndPadsFinishedRows() {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {0}, new int[] {6, 3}), 7);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(6).eosTokenId(5, 2).padTokenId(7).build();
        GenerateOutput out = new Generator(counting()).generate(prompts, c);
        assertThat(out.newIds(0)).containsExactly(1, 2);                // stops at EOS 2
        assertThat(out.newIds(1)).containsExactly(4, 5);                // stops at EOS 5
        assertThat(out.ids(0)).containsExactly(7, 0, 1, 2);             // left pad, prompt, new tokens
        assertThat(out.ids(1)).containsExactly(6, 3, 4, 5);
    }

    @Test
    void finishedRowsArePaddedWhileOthersContinue() {
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {0}, new int[] {3}), 7);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(6).eosTokenId(2).padTokenId(7).build();
        GenerateOutput out = new Generator(counting()).generate(prompts, c);
        assertThat(out.newIds(0)).containsExactly(1, 2);
        assertThat(out.ids(0)).containsExactly(0, 1, 2, 7, 7, 7, 7);   // padded to the longest row
        assertThat(out.newIds(1)).containsExactly(4, 5, 6, 7, 0, 1);   // max_new_tokens
    }

    @Test
    void minNewTokensDelaysEos() {
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(6).eosTokenId(1).minNewTokens(3).build();
        float[][] table = new float[4][];
        for (int i = 0; i < 4; i++) {
            table[i] = new float[] {0, 5, 3, 1};                        // EOS 1 best, then 2
        }
        GenerateOutput out = new Generator(new MarkovLM(table)).generate(TokenBatch.of(0), c);
        assertThat(out.newIds(0)).containsExactly(2, 2, 2, 1);          // EOS forbidden for 3 new tokens
    }

    @Test
    void stopStringsEndARowOnceItsNewTextContainsOne() {
        TokenDecoder letters = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append("ab cd efg".charAt(id));
            }
            return sb.toString();
        };
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(8).stopStrings(List.of("d e")).build();
        GenerateOutput out = new Generator(counting(), letters).generate(TokenBatch.of(0), c);
        assertThat(out.newIds(0)).containsExactly(1, 2, 3, 4, 5, 6);    // "b cd e" contains "d e"
        assertThatThrownBy(() -> new Generator(counting()).generate(TokenBatch.of(0), c))
                .hasMessageContaining("stop_strings").hasMessageContaining("TokenDecoder");
    }

    @Test
    void maxLengthCountsThePromptAndMaxNewTokensDoesNot() {
        Generator g = new Generator(counting());
        TokenBatch prompt = TokenBatch.of(0, 1);
        assertThat(g.generate(prompt, GenerationConfig.builder().maxLength(5).build()).newIds(0)).hasSize(3);
        assertThat(g.generate(prompt, GenerationConfig.builder().maxNewTokens(5).build()).newIds(0)).hasSize(5);
    }

    @Test
    void lengthErrorsNameNPositions() {
        Generator g = new Generator(counting());                          // n_positions 64
        assertThatThrownBy(() -> g.generate(TokenBatch.of(new int[70]), GenerationConfig.defaults()))
                .hasMessageContaining("70 tokens").hasMessageContaining("n_positions is 64");
        assertThatThrownBy(() -> g.generate(TokenBatch.of(0, 1), GenerationConfig.builder().maxNewTokens(63).build()))
                .hasMessageContaining("max_length 65").hasMessageContaining("n_positions 64");
        assertThatThrownBy(() -> g.generate(TokenBatch.of(new int[25]), GenerationConfig.defaults()))
                .hasMessageContaining("max_length 20").hasMessageContaining("max_new_tokens");
        TokenBatch rightPadded = TokenBatch.rightPadded(List.of(new int[] {1, 2}, new int[] {3}), null, 0);
        assertThatThrownBy(() -> g.generate(rightPadded, GenerationConfig.defaults()))
                .hasMessageContaining("right-padded");
    }

    @Test
    void streamerGetsEveryNewTokenOfUnfinishedRowsInOrder() {
        List<List<Integer>> got = List.of(new ArrayList<>(), new ArrayList<>());
        boolean[] ended = {false};
        Streamer s = new Streamer() {
            public void put(int row, int token) {
                got.get(row).add(token);
            }

            public void end() {
                ended[0] = true;
            }
        };
        TokenBatch prompts = Generator.leftPadded(List.of(new int[] {0}, new int[] {3}), 7);
        GenerationConfig c = GenerationConfig.builder().maxNewTokens(6).eosTokenId(2).padTokenId(7).build();
        GenerateOutput out = new Generator(counting()).generate(prompts, c, s);
        assertThat(got.get(0)).containsExactly(1, 2);
        assertThat(got.get(1)).containsExactly(4, 5, 6, 7, 0, 1);
        assertThat(ended[0]).isTrue();
        assertThatThrownBy(() -> new Generator(counting()).generate(prompts, c.toBuilder().numBeams(2).build(), s))
                .hasMessageContaining("beam search");
        assertThat(out.sequences()).hasSize(2);
    }

    /** p(EOS 0) = 0.5, p(1) = 0.3, p(2) = 0.2 after every token; pad 3 is impossible. */
    static MarkovLM eosLikely() {
        return MarkovLM.constant(4, (float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2), NEG);
    }

    @Test
    void beamSearchNormalisesFinishedScoresByGeneratedLengthIncludingEos() {
        MarkovLM model = eosLikely();
        GenerationConfig c = GenerationConfig.builder().numBeams(2).numReturnSequences(2).maxNewTokens(3)
                .eosTokenId(0).padTokenId(3).build();
        GenerateOutput out = new Generator(model).generate(TokenBatch.of(1), c);
        assertThat(out.ids(0)).containsExactly(1, 0, 3);                 // "EOS" at once, padded
        assertThat(out.ids(1)).containsExactly(1, 1, 0);
        assertThat(out.newIds(0)).containsExactly(0);
        assertThat(out.sequencesScores()[0]).isCloseTo((float) Math.log(0.5), offset(1e-6f));
        assertThat(out.sequencesScores()[1]).isCloseTo((float) ((Math.log(0.3) + Math.log(0.5)) / 2), offset(1e-6f));
        // the heuristic stops once the best running beam (−2.41 / 2) cannot beat the worst finished (−0.95)
        assertThat(model.steps).isEqualTo(2);
    }

    @Test
    void earlyStoppingNeverSearchesOnButFindsNothingBetter() {
        MarkovLM model = eosLikely();
        GenerationConfig c = GenerationConfig.builder().numBeams(2).numReturnSequences(2).maxNewTokens(3)
                .eosTokenId(0).padTokenId(3).earlyStopping(EarlyStopping.NEVER).build();
        GenerateOutput out = new Generator(model).generate(TokenBatch.of(1), c);
        assertThat(out.ids(1)).containsExactly(1, 1, 0);
        assertThat(model.steps).isEqualTo(3);                           // runs to max_length
    }

    @Test
    void onlyTheFirstNumBeamsCandidatesMayFinish() {
        // after the prompt token 3: p(a=1) .34, p(b=2) .33, p(EOS 0) .32, p(3) .01; after a or b: .28 .26 .24 .22.
        // Step 1 keeps 4 candidates a, b, EOS, 3: EOS is 3rd, beyond num_beams = 2, so HF does not let it finish
        // (it would have scored ln .32 = −1.139, better than what wins: a EOS −1.176 and b EOS −1.191).
        float[] first = logs(0.32, 0.34, 0.33, 0.01);
        float[] later = logs(0.28, 0.26, 0.24, 0.22);
        MarkovLM model = new MarkovLM(new float[][] {later, later, later, first});
        GenerationConfig c = GenerationConfig.builder().numBeams(2).numReturnSequences(2).maxNewTokens(2)
                .eosTokenId(0).padTokenId(3).build();
        GenerateOutput out = new Generator(model).generate(TokenBatch.of(3), c);
        assertThat(out.ids(0)).containsExactly(3, 1, 0);
        assertThat(out.ids(1)).containsExactly(3, 2, 0);
        assertThat(out.sequencesScores()[0]).isCloseTo((float) ((Math.log(.34) + Math.log(.28)) / 2), offset(1e-6f));
        assertThat(out.sequencesScores()[1]).isCloseTo((float) ((Math.log(.33) + Math.log(.28)) / 2), offset(1e-6f));
    }

    static float[] logs(double... p) {
        float[] s = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = (float) Math.log(p[i]);
        }
        return s;
    }
}
