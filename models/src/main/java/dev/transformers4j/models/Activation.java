package dev.transformers4j.models;

import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Conv1D;
import dev.transformers4j.core.nn.Linear;

/**
 * The activation functions a config may name ({@code hidden_act}, {@code activation_function}), with HF's
 * names. {@code gelu} is the exact erf form; {@code gelu_new} and {@code gelu_pytorch_tanh} the tanh
 * approximation GPT-2 was trained with.
 */
public enum Activation {
    GELU("gelu"),
    GELU_NEW("gelu_new"),
    GELU_PYTORCH_TANH("gelu_pytorch_tanh"),
    RELU("relu"),
    SILU("silu"),
    SWISH("swish"),
    TANH("tanh");

    private final String configName;

    Activation(String configName) {
        this.configName = configName;
    }

    /** The name in {@code config.json}. */
    public String configName() {
        return configName;
    }

    /** Applies the activation element-wise. */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case GELU -> x.gelu();
            case GELU_NEW, GELU_PYTORCH_TANH -> x.geluTanh();
            case RELU -> x.relu();
            case SILU, SWISH -> x.silu();
            case TANH -> x.tanh();
        };
    }

    /**
     * {@code act(layer(x))}: GELU and ReLU are applied in the layer's product while its output is in cache, the
     * others after it. The same numbers as {@code apply(layer.forward(x))} up to the rounding of the fast kernels.
     */
    public Tensor apply(Linear layer, Tensor x) {
        FusedActivation fused = fused();
        return fused == null ? apply(layer.forward(x)) : layer.forward(x, fused);
    }

    /** {@code act(layer(x))} for GPT-2's Conv1D, as {@link #apply(Linear, Tensor)}. */
    public Tensor apply(Conv1D layer, Tensor x) {
        FusedActivation fused = fused();
        return fused == null ? apply(layer.forward(x)) : layer.forward(x, fused);
    }

    /** The kernels' form of this activation, or null when they cannot apply it inside a product. */
    FusedActivation fused() {
        return switch (this) {
            case GELU -> FusedActivation.GELU_ERF;
            case GELU_NEW, GELU_PYTORCH_TANH -> FusedActivation.GELU_TANH;
            case RELU -> FusedActivation.RELU;
            case SILU, SWISH, TANH -> null;
        };
    }

    /**
     * The activation named in a config.
     *
     * @throws IllegalArgumentException listing the supported names
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Activation a : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(a.configName);
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (supported: " + names + ")");
    }
}
