package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Token-count batching ({@code max_tokens}) on 300 sentence pairs of random lengths 1..40 (source) and 1..45 (target). */
class TokenBudgetSamplerTest {

    private static final int PAIRS = 300;
    private static final int MAX_TOKENS = 120;
    private static final TranslationDataset DATA = randomPairs(PAIRS, 5);

    static TranslationDataset randomPairs(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> src = new ArrayList<>();
        List<int[]> tgt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            src.add(IntStream.range(0, 1 + r.nextInt(40)).map(j -> 1 + r.nextInt(20)).toArray());
            tgt.add(IntStream.range(0, 1 + r.nextInt(45)).map(j -> 1 + r.nextInt(20)).toArray());
        }
        return new TranslationDataset(src, tgt, 0, 0);
    }

    /**
     * Over three epochs: every collated batch pads to at most max_tokens on each side (B·S and B·T), every pair
     * is in exactly one batch per epoch, every epoch has the same number of batches, and the epochs differ.
     */
    @Test
    void batchesFitTheBudgetAndEachEpochVisitsEveryPairOnce() {
        TokenBudgetSampler s = TokenBudgetSampler.of(DATA, MAX_TOKENS, 1);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Integer> seen = new ArrayList<>();
            for (int b = 0; b < s.batchesPerEpoch(); b++) {
                int[] idx = s.next();
                Seq2SeqBatch batch = DATA.batch(idx);
                int t = batch.labels().length / batch.size();
                assertThat((long) batch.size() * Math.max(batch.source().length(), t)).as("padded tokens")
                        .isLessThanOrEqualTo(MAX_TOKENS);
                Arrays.stream(idx).forEach(seen::add);
            }
            assertThat(s.epoch()).isEqualTo(e + 1.0);
            assertThat(seen).as("epoch %d", e).containsExactlyInAnyOrderElementsOf(IntStream.range(0, PAIRS).boxed().toList());
            epochs.add(seen);
        }
        assertThat(epochs.get(1)).isNotEqualTo(epochs.get(0));
        assertThat(s.batchesPerEpoch()).isLessThan(PAIRS / 2);              // batches hold several pairs
    }

    /**
     * Length buckets: batches are runs of the pairs sorted by size, so the size ranges of two batches never
     * overlap (one batch's largest is at most the other's smallest).
     */
    @Test
    void batchesAreRunsOfPairsSortedBySize() {
        TokenBudgetSampler s = TokenBudgetSampler.of(DATA, MAX_TOKENS, 2);
        List<int[]> ranges = new ArrayList<>();
        for (int b = 0; b < s.batchesPerEpoch(); b++) {
            int[] sizes = Arrays.stream(s.next()).map(DATA::numTokens).toArray();
            ranges.add(new int[] {Arrays.stream(sizes).min().getAsInt(), Arrays.stream(sizes).max().getAsInt()});
        }
        for (int[] a : ranges) {
            for (int[] b : ranges) {
                assertThat(a == b || a[1] <= b[0] || b[1] <= a[0]).as("%s and %s", Arrays.toString(a),
                        Arrays.toString(b)).isTrue();
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() {
        TokenBudgetSampler a = TokenBudgetSampler.of(DATA, MAX_TOKENS, 7);
        TokenBudgetSampler b = TokenBudgetSampler.of(DATA, MAX_TOKENS, 7);
        TokenBudgetSampler c = TokenBudgetSampler.of(DATA, MAX_TOKENS, 8);
        boolean differs = false;
        for (int i = 0; i < 2 * a.batchesPerEpoch(); i++) {
            int[] x = a.next();
            assertThat(b.next()).containsExactly(x);
            differs |= !Arrays.equals(c.next(), x);
        }
        assertThat(differs).isTrue();
    }

    /** A state taken mid-epoch or at an epoch boundary continues with the same batches. */
    @Test
    void restoredStateContinuesTheSameBatches() {
        int perEpoch = TokenBudgetSampler.of(DATA, MAX_TOKENS, 9).batchesPerEpoch();
        for (int taken : new int[] {1, 5, perEpoch, perEpoch + 3}) {
            TokenBudgetSampler a = TokenBudgetSampler.of(DATA, MAX_TOKENS, 9);
            for (int i = 0; i < taken; i++) {
                a.next();
            }
            TokenBudgetSampler b = TokenBudgetSampler.of(DATA, MAX_TOKENS, 12345);
            b.restore(a.state());
            assertThat(b.epoch()).isEqualTo(a.epoch());
            for (int i = 0; i < perEpoch + 2; i++) {
                assertThat(b.next()).as("after %d batches, batch %d", taken, i).containsExactly(a.next());
            }
        }
    }

    /** Evaluation: every pair once, sorted by size, within the budget, the same every time. */
    @Test
    void evaluationBatchesAreSortedAndDeterministic() {
        List<Integer> order = new ArrayList<>();
        for (Seq2SeqBatch b : TokenBudgetSampler.evaluationBatches(DATA, MAX_TOKENS)) {
            assertThat((long) b.size() * Math.max(b.source().length(), b.labels().length / b.size()))
                    .isLessThanOrEqualTo(MAX_TOKENS);
            Arrays.stream(b.indices()).forEach(order::add);
        }
        assertThat(order).containsExactlyInAnyOrderElementsOf(IntStream.range(0, PAIRS).boxed().toList());
        assertThat(order.stream().map(DATA::numTokens).toList()).isSorted();
        List<Integer> again = new ArrayList<>();
        TokenBudgetSampler.evaluationBatches(DATA, MAX_TOKENS).forEach(b -> Arrays.stream(b.indices()).forEach(again::add));
        assertThat(again).isEqualTo(order);
    }

    /** Hand-checked grouping: sizes 3, 3, 4, 5, 9 with budget 10 → [3, 3] (2·3), [4, 5] (2·5), [9]. */
    @Test
    void greedyGroupingClosesABatchWhenTheNextPairWouldPassTheBudget() {
        int[] sizes = {3, 3, 4, 5, 9};
        List<int[]> groups = TokenBudgetSampler.group(new int[] {0, 1, 2, 3, 4}, sizes, 10);
        assertThat(groups).containsExactly(new int[] {0, 1}, new int[] {2, 3}, new int[] {4});
        assertThat(TokenBudgetSampler.group(new int[] {0, 1, 2}, sizes, 12)).containsExactly(new int[] {0, 1, 2});
    }

    @Test
    void aPairLargerThanTheBudgetIsRefusedByIndex() {
        assertThatThrownBy(() -> TokenBudgetSampler.of(DATA, 30, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens, more than max_tokens 30");
    }
}
