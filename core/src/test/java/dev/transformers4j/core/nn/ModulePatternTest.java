package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The glob rules of module names, case by case. */
class ModulePatternTest {

    @Test
    void literalNamesMatchThemselvesOnly() {
        ModulePattern p = new ModulePattern("transformer.h.0.mlp");
        assertThat(p.matches("transformer.h.0.mlp")).isTrue();
        assertThat(p.matches("transformer.h.0.mlp.c_fc")).isFalse();
        assertThat(p.matches("transformer.h.10.mlp")).isFalse();
        assertThat(p.matches("transformer.h.0")).isFalse();
    }

    @Test
    void starIsOneSegmentOrPartOfOne() {
        ModulePattern p = new ModulePattern("encoder.layer.*.attention.self");
        assertThat(p.matches("encoder.layer.0.attention.self")).isTrue();
        assertThat(p.matches("encoder.layer.11.attention.self")).isTrue();
        assertThat(p.matches("encoder.layer.attention.self")).isFalse();          // * is exactly one segment
        assertThat(p.matches("encoder.layer.0.1.attention.self")).isFalse();
        assertThat(new ModulePattern("h.1*").matches("h.12")).isTrue();
        assertThat(new ModulePattern("h.1*").matches("h.2")).isFalse();
        assertThat(new ModulePattern("h.?").matches("h.3")).isTrue();
        assertThat(new ModulePattern("h.?").matches("h.13")).isFalse();
    }

    @Test
    void doubleStarIsAnyNumberOfSegmentsIncludingNone() {
        ModulePattern p = new ModulePattern("**.mlp");
        assertThat(p.matches("mlp")).isTrue();
        assertThat(p.matches("transformer.h.3.mlp")).isTrue();
        assertThat(p.matches("transformer.h.3.mlp.c_fc")).isFalse();
        assertThat(new ModulePattern("**").matches("")).isTrue();
        assertThat(new ModulePattern("**").matches("a.b.c")).isTrue();
        assertThat(new ModulePattern("model.**.fc1").matches("model.decoder.layers.1.fc1")).isTrue();
    }

    @Test
    void dotsAndOtherCharactersAreLiteral() {
        assertThat(new ModulePattern("a.b").matches("aXb")).isFalse();
        assertThat(new ModulePattern("").matches("")).isTrue();
        assertThat(new ModulePattern("").matches("a")).isFalse();
        assertThatThrownBy(() -> new ModulePattern("a..b")).hasMessageContaining("'a..b'").hasMessageContaining("empty segment");
    }
}
