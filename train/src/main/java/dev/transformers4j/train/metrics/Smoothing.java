package dev.transformers4j.train.metrics;

/**
 * How BLEU treats an n-gram order without matches (Chen and Cherry, 2014, "A Systematic Comparison of Smoothing
 * Techniques for Sentence-Level BLEU"), with sacreBLEU's names and default values.
 */
public enum Smoothing {

    /** No smoothing: a zero precision makes BLEU 0. */
    NONE("none", Double.NaN),
    /** Method 1: a zero count becomes {@code value} (0.1). */
    FLOOR("floor", 0.1),
    /** Method 2: {@code value} (1) added to the counts and totals of every order above 1. */
    ADD_K("add-k", 1),
    /** Method 3, NIST's (mteval-v13a): the k-th order without matches gets precision {@code 1 / (2^k · total)}. */
    EXP("exp", Double.NaN);

    private final String signature;
    private final double defaultValue;

    Smoothing(String signature, double defaultValue) {
        this.signature = signature;
        this.defaultValue = defaultValue;
    }

    /** The name in sacreBLEU's signature ({@code smooth:exp}). */
    public String signature() {
        return signature;
    }

    /** Whether the method takes a value ({@code floor}, {@code add-k}). */
    public boolean takesValue() {
        return !Double.isNaN(defaultValue);
    }

    /** sacreBLEU's {@code SMOOTH_DEFAULTS}: 0.1 for floor, 1 for add-k, NaN for the others. */
    public double defaultValue() {
        return defaultValue;
    }
}
