package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend switch without the simd module on the classpath (core's own tests). */
class BackendTest {

    @Test
    void theDefaultFallsBackToTheReferenceKernelsWhenNoFastBackendIsFound() {
        assertThat(Backend.create("", 1)).isInstanceOf(ReferenceKernels.class);
    }

    @Test
    void theFallbackSaysWhatGivesTheFastKernels() {
        assertThat(Backend.referenceFallback(List.of(Backend.VECTOR)))
                .contains("reference kernels").contains("--add-modules jdk.incubator.vector")
                .doesNotContain("transformers4j-simd");
        assertThat(Backend.referenceFallback(List.of()))
                .contains("dev.transformers4j:transformers4j-simd").contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void aBackendThatIsNotAvailableIsNamedInTheError() {
        assertThatThrownBy(() -> Backend.create(Backend.VECTOR, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backend 'vector' is not available; available: reference")
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }
}
