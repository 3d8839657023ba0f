package dev.transformers4j.core;

/**
 * A kernel backend discovered with {@link java.util.ServiceLoader}: the {@code simd} module registers the
 * Vector API kernels this way, so no other module needs {@code jdk.incubator.vector}.
 */
public interface KernelsProvider {

    /** The name the backend switch selects ({@code "vector"}). */
    String name();

    /** Whether this backend can run in this JVM (the incubator module may be absent). */
    boolean isAvailable();

    /** Creates the kernels, using up to {@code threads} threads for the large operations. */
    Kernels create(int threads);
}
