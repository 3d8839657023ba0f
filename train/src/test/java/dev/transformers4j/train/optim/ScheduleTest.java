package dev.transformers4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constant() {
        Schedule s = Schedule.constant(0.01);
        assertThat(s.lr(0)).isEqualTo(0.01);
        assertThat(s.lr(1000)).isEqualTo(0.01);
    }

    /** Warmup 4: the first update has rate 0 (HF's LambdaLR calls lambda(0) first), then s/4, then 1. */
    @Test
    void constantWithWarmup() {
        Schedule s = Schedule.constantWithWarmup(1.0, 4);
        assertThat(new double[] {s.lr(0), s.lr(1), s.lr(2), s.lr(3), s.lr(4), s.lr(99)})
                .containsExactly(0, 0.25, 0.5, 0.75, 1, 1);
    }

    /** Warmup 2 of 10 steps: 0, 0.5, then (10 − s)/8 down to 0 at s = 10 and after. */
    @Test
    void linearWarmupThenLinearDecay() {
        Schedule s = Schedule.linear(2.0, 2, 10);
        assertThat(new double[] {s.lr(0), s.lr(1), s.lr(2), s.lr(6), s.lr(9), s.lr(10), s.lr(12)})
                .containsExactly(0, 1, 2, 1, 0.25, 0, 0);
    }

    /** Warmup 2 of 10: then ½(1 + cos(π·(s − 2)/8)): 1 at s = 2, 0.8536 at 4, 0.5 at 6, 0 at 10. */
    @Test
    void cosineWithWarmup() {
        Schedule s = Schedule.cosine(1.0, 2, 10);
        assertThat(s.lr(1)).isEqualTo(0.5);
        assertThat(s.lr(2)).isEqualTo(1.0);
        assertThat(s.lr(4)).isCloseTo(0.8535533905932737, within(1e-15));
        assertThat(s.lr(6)).isCloseTo(0.5, within(1e-15));
        assertThat(s.lr(10)).isCloseTo(0.0, within(1e-15));
    }

    /**
     * Eq. 3 with d_model 512 and warmup 4000 (the paper's base model): n = s + 1;
     * 512^−½·1·4000^−1.5 = 1.7469e-7 at n = 1, peak 512^−½·4000^−½ = 6.9877e-4 at n = 4000, and half the peak at
     * n = 16000 (the n^−½ branch).
     */
    @Test
    void noamIsEquationThree() {
        Schedule s = Schedule.noam(512, 4000, 1.0);
        assertThat(s.lr(0)).isCloseTo(1.746928107421711e-07, within(1e-20));
        assertThat(s.lr(3999)).isCloseTo(6.987712429686843e-4, within(1e-16));
        assertThat(s.lr(15999)).isCloseTo(3.4938562148434214e-4, within(1e-16));
        assertThat(s.lr(3998)).isLessThan(s.lr(3999));
        assertThat(s.lr(4000)).isLessThan(s.lr(3999));
    }

    @Test
    void getSchedulerByHfName() {
        assertThat(Schedule.of("cosine", 0.1, 0, 5).kind()).isEqualTo(Schedule.Kind.COSINE);
        assertThatThrownBy(() -> Schedule.of("cosine_with_restarts", 0.1, 0, 5))
                .hasMessageContaining("lr_scheduler_type").hasMessageContaining("linear");
    }
}
