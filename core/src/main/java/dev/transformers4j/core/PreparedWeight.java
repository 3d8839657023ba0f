package dev.transformers4j.core;

/**
 * A weight matrix {@code W [out, in]} prepared once by {@link Kernels#prepareWeight} for repeated products
 * {@code y = x·Wᵀ + b}: the backend's packed panels of the float32 values, or int8 / bf16 values. Prepared
 * forms are cached on the weight tensor and used only while it is frozen (see {@link Tensor#preparedWeight}).
 */
public interface PreparedWeight {

    /** Output features: rows of {@code W}, columns of {@code y}. */
    int out();

    /** Input features: columns of {@code W}. */
    int in();

    /** The form the values are held in. */
    WeightDType dtype();

    /** Bytes held by the prepared form (for memory reports). */
    long bytes();
}
