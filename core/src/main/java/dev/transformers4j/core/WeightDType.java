package dev.transformers4j.core;

import java.util.Locale;

/**
 * How the weights of linear layers are held for inference products: float32 (packed once into the GEMM's
 * layout), int8 (symmetric, one scale per output channel) or bfloat16 (the upper half of each float32).
 * Training always runs on the float32 values; this only chooses the form a frozen weight is multiplied in.
 */
public enum WeightDType {
    FLOAT32("float32"),
    INT8("int8"),
    BF16("bf16");

    private final String label;

    WeightDType(String label) {
        this.label = label;
    }

    /** The name used on the command line and in benchmark JSON ({@code "float32"}, {@code "int8"}, {@code "bf16"}). */
    public String label() {
        return label;
    }

    /**
     * Parses a dtype name: {@code float32} (also {@code fp32}, {@code float}), {@code int8}, {@code bf16} (also
     * {@code bfloat16}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static WeightDType parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "float32", "fp32", "float" -> FLOAT32;
            case "int8", "qint8" -> INT8;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("dtype: expected one of float32, int8, bf16 but was '"
                    + name + "'");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
