package dev.transformers4j.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Round tick steps, ranges widened to whole steps (or decades), labels with the decimals the step needs. */
class TicksTest {

    @Test
    void ticksAreRoundNumbers() {
        assertThat(Ticks.niceStep(12, 5)).isEqualTo(2.0);
        assertThat(Ticks.niceStep(1.2, 5)).isEqualTo(0.2, offset(1e-12));
        assertThat(Ticks.niceStep(30, 5)).isEqualTo(5.0);
        assertThat(Ticks.niceStep(400, 5)).isEqualTo(100.0);
    }

    @Test
    void aLinearRangeIsWidenedToWholeSteps() {
        Ticks t = Ticks.linear(2.93, 3.98, 6);
        assertThat(t.step()).isEqualTo(0.2, offset(1e-12));
        assertThat(t.lo()).isEqualTo(2.8, offset(1e-9));
        assertThat(t.hi()).isEqualTo(4.0, offset(1e-9));
        assertThat(t.values()).hasSize(7);
        assertThat(t.values().stream().map(t::label).toList())
                .containsExactly("2.8", "3.0", "3.2", "3.4", "3.6", "3.8", "4.0");
        assertThat(t.fraction(3.4)).isEqualTo(0.5, offset(1e-9));
    }

    @Test
    void zeroIsLabelledZeroAndOneValueGetsAUnitRange() {
        Ticks t = Ticks.linear(-0.2, 1.0, 4);
        assertThat(t.values().stream().map(t::label).toList()).contains("0.0").doesNotContain("-0.0");
        Ticks one = Ticks.linear(5, 5, 5);
        assertThat(one.lo()).isLessThan(5);
        assertThat(one.hi()).isGreaterThan(5);
        assertThat(Ticks.linear(Double.NaN, Double.NaN, 5).fraction(0)).isEqualTo(0.5, offset(1e-9));
    }

    @Test
    void aLogRangeIsWholeDecades() {
        Ticks t = Ticks.log(0.003, 250);
        assertThat(t.lo()).isEqualTo(-3);
        assertThat(t.hi()).isEqualTo(3);
        assertThat(t.values().stream().map(t::label).toList())
                .containsExactly("0.001", "0.01", "0.1", "1", "10", "100", "1000");
        assertThat(t.fraction(1)).isEqualTo(0.5, offset(1e-9));
        Ticks narrow = Ticks.log(2.1, 9.5);
        assertThat(narrow.values().stream().map(narrow::label).toList()).containsExactly("1", "2", "5", "10");
        Ticks wide = Ticks.log(1e-12, 1);
        assertThat(wide.step()).isEqualTo(2);
        assertThat(wide.label(-12)).isEqualTo("1e-12");
    }

    @Test
    void aNamedAxisLabelsItsPointsAndThinsThemWhenCrowded() {
        Axis layers = Axis.named("", List.of("emb", "0", "1", "2", "3", "4"));
        Ticks all = layers.ticks(0, 5, 10);
        assertThat(all.values().stream().map(u -> layers.tickLabel(all, u)).toList())
                .containsExactly("emb", "0", "1", "2", "3", "4");
        Ticks every2 = layers.ticks(0, 5, 3);
        assertThat(every2.values().stream().map(u -> layers.tickLabel(every2, u)).toList())
                .containsExactly("emb", "1", "3");
        Axis one = Axis.named("", List.of("emb"));
        assertThat(one.ticks(0, 0, 5).fraction(0)).isEqualTo(0.5);
    }
}
