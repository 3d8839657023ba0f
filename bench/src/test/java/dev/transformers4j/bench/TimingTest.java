package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Timing.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Timing.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void everyPieceRunsWarmupPlusRepeatsTimes() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        double[] ms = Timing.interleavedMedianMillis(2, 3, a::incrementAndGet, b::incrementAndGet);
        assertThat(ms).hasSize(2);
        assertThat(a.get()).isEqualTo(5);
        assertThat(b.get()).isEqualTo(5);
    }
}
