package dev.transformers4j.pipelines.data;

import static dev.transformers4j.pipelines.data.TokenStreamTest.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.train.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Causal-LM windows over {@code 0, 1, 2, …} (a window's ids say where it starts): nanoGPT's contiguous training
 * windows, and validation windows that predict every token once.
 */
class LmWindowsTest {

    @Test
    void trainingWindowsAreContiguousWithTheIdsAsLabels() {
        LmWindows w = LmWindows.all(counting(100), 8);
        assertThat(w.size()).isEqualTo(93);
        Batch b = w.batch(new int[] {0, 41, 92});
        TokenBatch x = b.input();
        assertThat(x.batch()).isEqualTo(3);
        assertThat(x.length()).isEqualTo(8);
        assertThat(x.attentionMask()).containsOnly(1);
        assertThat(x.typeIds()).containsOnly(0);
        assertThat(x.row(1)).containsExactly(IntStream.range(41, 49).toArray());
        assertThat(x.row(2)).containsExactly(IntStream.range(92, 100).toArray());
        assertThat(b.labels()).containsExactly(x.ids());                       // the model shifts them
        assertThat(b.tokens()).isEqualTo(24);
    }

    /** The trainer's shuffled indices then draw every start {@code 0 .. n − T}, as torch.randint in nanoGPT. */
    @Test
    void everyStartIsAnExample() {
        LmWindows w = LmWindows.all(counting(20), 5);
        assertThat(IntStream.range(0, w.size()).map(i -> w.batch(new int[] {i}).input().ids()[0]).toArray())
                .containsExactly(IntStream.rangeClosed(0, 15).toArray());
    }

    @Test
    void validationWindowsPredictEveryTokenOnce() {
        assertThat(predicted(LmWindows.covering(counting(26), 6, 0))).containsExactly(
                IntStream.rangeClosed(1, 25).boxed().toArray(Integer[]::new));
        // 23 tokens: windows start at 0, 5, 10, 15 and, moved back to end at the end, 17 (its first 3 labels ignored)
        LmWindows moved = LmWindows.covering(counting(23), 6, 0);
        assertThat(moved.size()).isEqualTo(5);
        assertThat(moved.batch(new int[] {4}).labels()).containsExactly(17, -100, -100, -100, 21, 22);
        assertThat(predicted(moved)).containsExactly(IntStream.rangeClosed(1, 22).boxed().toArray(Integer[]::new));
        assertThat(predicted(LmWindows.covering(counting(3), 8, 0))).containsExactly(1, 2);     // one short window
    }

    @Test
    void aMaximumKeepsWindowsSpreadEvenly() {
        LmWindows two = LmWindows.covering(counting(26), 6, 2);                  // of 5 windows: the 1st and 3rd
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.batch(new int[] {0, 1}).input().ids()).startsWith(0).contains(10);
    }

    @Test
    void refusesStreamsShorterThanOneWindow() {
        assertThatThrownBy(() -> LmWindows.all(counting(7), 8))
                .hasMessage("a window of 8 tokens needs a stream of at least that many but it has 7");
        assertThatThrownBy(() -> LmWindows.covering(counting(1), 8, 0))
                .hasMessage("a validation split needs at least 2 tokens but has 1");
    }

    /** The tokens the windows' labels predict (positions 1.. of each window, -100 skipped), in order. */
    private static List<Integer> predicted(LmWindows w) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            int[] labels = w.batch(new int[] {i}).labels();
            for (int t = 1; t < labels.length; t++) {
                if (labels[t] != Losses.IGNORE_INDEX) {
                    out.add(labels[t]);
                }
            }
        }
        return out;
    }
}
