package dev.transformers4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    /** 10 examples in batches of 4: 4, 4, 2 per epoch, each epoch a permutation, epochs in different orders. */
    @Test
    void everyEpochIsAPermutationWithASmallerLastBatch() {
        BatchSampler s = new BatchSampler(10, 4, 1);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            int[] idx = s.next();
            assertThat(idx).hasSize(b < 2 ? 4 : 2);
            for (int i : idx) {
                first.add(i);
            }
        }
        assertThat(s.epoch()).isEqualTo(1.0);
        for (int b = 0; b < 3; b++) {
            for (int i : s.next()) {
                second.add(i);
            }
        }
        assertThat(first).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
    }

    /** Restoring a state taken mid-epoch (and at an epoch boundary) continues with the same batches. */
    @Test
    void restoredStateContinuesTheSameOrder() {
        for (int taken : new int[] {1, 3, 4}) {
            BatchSampler a = new BatchSampler(10, 4, 9);
            for (int i = 0; i < taken; i++) {
                a.next();
            }
            BatchSampler b = new BatchSampler(10, 4, 12345);
            b.restore(a.state());
            assertThat(b.epoch()).isEqualTo(a.epoch());
            for (int i = 0; i < 7; i++) {
                assertThat(b.next()).as("after %d batches, batch %d", taken, i).containsExactly(a.next());
            }
        }
    }
}
