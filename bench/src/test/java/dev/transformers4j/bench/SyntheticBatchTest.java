package dev.transformers4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.TokenBatch;
import org.junit.jupiter.api.Test;

class SyntheticBatchTest {

    @Test
    void rowsAreClsWordsSepWithWordsInRange() {
        SyntheticBatch b = SyntheticBatch.random(3, 7, 1037, 5);
        for (int r = 0; r < 3; r++) {
            assertThat(b.ids()[r * 7]).isEqualTo(SyntheticBatch.CLS);
            assertThat(b.ids()[r * 7 + 6]).isEqualTo(SyntheticBatch.SEP);
            for (int t = 1; t < 6; t++) {
                assertThat(b.ids()[r * 7 + t]).isBetween(1000, 1036);
            }
        }
    }

    @Test
    void sameSeedSameIds() {
        assertThat(SyntheticBatch.random(2, 16, 30522, 9).ids()).isEqualTo(SyntheticBatch.random(2, 16, 30522, 9).ids());
    }

    @Test
    void tokenBatchHasFullMaskAndZeroTypes() {
        TokenBatch t = SyntheticBatch.random(2, 5, 2000, 1).tokenBatch();
        assertThat(t.attentionMask()).containsOnly(1);
        assertThat(t.typeIds()).containsOnly(0);
        assertThat(t.realLength(1)).isEqualTo(5);
    }

    @Test
    void tooSmallVocabularyIsRefused() {
        assertThatThrownBy(() -> SyntheticBatch.random(1, 4, 1000, 1)).hasMessageContaining("vocab > 1000");
    }
}
