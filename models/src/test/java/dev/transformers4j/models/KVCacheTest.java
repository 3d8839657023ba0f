package dev.transformers4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Appending to the cache returns the keys and values of every position so far, by name. */
class KVCacheTest {

    @Test
    void appendReturnsTheCachedAndNewKeysAndValues() {
        KVCache cache = new KVCache(1, 1, 2, 4, 3);                   // 1 layer, B = 1, H = 2, 4 positions, D = 3
        KeyValues first = cache.append(0, filled(2, 1f), filled(2, -1f));
        cache.advance(2);
        KeyValues all = cache.append(0, filled(1, 2f), filled(1, -2f));
        cache.advance(1);

        assertThat(first.keys().shape()).containsExactly(1, 2, 2, 3);
        assertThat(all.keys().shape()).containsExactly(1, 2, 3, 3);   // [B, H, P + T, D]
        assertThat(all.values().shape()).containsExactly(1, 2, 3, 3);
        assertThat(all.keys().get(0, 1, 1, 2)).isEqualTo(1f);
        assertThat(all.keys().get(0, 1, 2, 0)).isEqualTo(2f);
        assertThat(all.values().get(0, 0, 2, 1)).isEqualTo(-2f);
        assertThat(cache.keys(0).toArray()).containsExactly(all.keys().toArray());
        assertThatThrownBy(() -> cache.append(0, filled(2, 0f), filled(2, 0f)))
                .hasMessageContaining("KV cache full: 3 + 2 positions exceed its capacity 4");
    }

    /** {@code [1, 2, t, 3]} filled with {@code x}. */
    private static Tensor filled(int t, float x) {
        float[] data = new float[2 * t * 3];
        Arrays.fill(data, x);
        return Tensor.of(data, 1, 2, t, 3);
    }
}
