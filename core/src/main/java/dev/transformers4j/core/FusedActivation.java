package dev.transformers4j.core;

/**
 * The activation a product applies while its output tile is still in registers ({@link Kernels#linear}): the
 * feed-forward layer's {@code act(x·W₁ᵀ + b₁)} in one pass. Same functions as the element-wise kernels.
 */
public enum FusedActivation {
    /** No activation: {@code x·Wᵀ + b}. */
    NONE,
    /** Exact GELU, as {@link Kernels#geluErf}. */
    GELU_ERF,
    /** Tanh-approximated GELU ("gelu_new"), as {@link Kernels#geluTanh}. */
    GELU_TANH,
    /** {@code max(0, x)}. */
    RELU;

    /** This activation as its own tensor operation (with its backward rule): {@code x} itself for {@link #NONE}. */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case NONE -> x;
            case GELU_ERF -> x.gelu();
            case GELU_TANH -> x.geluTanh();
            case RELU -> x.relu();
        };
    }
}
