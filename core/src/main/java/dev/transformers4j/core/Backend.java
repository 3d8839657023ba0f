package dev.transformers4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one switch that selects the kernel backend.
 *
 * <p>{@code -Dt4j.backend=reference|vector} (or the environment variable {@code T4J_BACKEND}) picks the
 * backend; the default is the fastest available one. {@code -Dt4j.threads=N} (or {@code T4J_THREADS})
 * caps the threads a backend uses; the default is the number of cores. {@link #use(Kernels)} switches at
 * run time, for tests that run the same model on both backends. When the default falls back to the reference
 * kernels, one WARN says why and how to get the fast ones (the {@code transformers4j-simd} jar, the JVM flag).
 */
public final class Backend {

    public static final String REFERENCE = "reference";
    public static final String VECTOR = "vector";

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private static volatile Kernels current;

    private Backend() {
    }

    /** The kernels in use. */
    public static Kernels current() {
        Kernels k = current;
        if (k == null) {
            synchronized (Backend.class) {
                if (current == null) {
                    current = create(setting("t4j.backend", "T4J_BACKEND", ""), defaultThreads());
                }
                k = current;
            }
        }
        return k;
    }

    /** Selects the kernels used from now on by every model. */
    public static void use(Kernels kernels) {
        current = kernels;
    }

    /**
     * Creates a backend by name ({@code "reference"}, {@code "vector"}; empty = the fastest available).
     *
     * @throws IllegalArgumentException when no such backend is available, naming the ones that are
     */
    public static Kernels create(String name, int threads) {
        if (REFERENCE.equals(name)) {
            return new ReferenceKernels();
        }
        StringBuilder available = new StringBuilder(REFERENCE);
        List<String> unavailable = new ArrayList<>();
        for (KernelsProvider p : ServiceLoader.load(KernelsProvider.class)) {
            if (!p.isAvailable()) {
                unavailable.add(p.name());
                continue;
            }
            available.append(", ").append(p.name());
            if (name.isEmpty() || p.name().equals(name)) {
                return p.create(threads);
            }
        }
        if (name.isEmpty()) {
            LOG.warn(referenceFallback(unavailable));
            return new ReferenceKernels();
        }
        throw new IllegalArgumentException("backend '" + name + "' is not available; available: " + available
                + (VECTOR.equals(name) ? " (the vector backend needs --add-modules jdk.incubator.vector)" : ""));
    }

    /** Why the default is the reference kernels, and what gives the fast ones: the jar, or the JVM flag. */
    static String referenceFallback(List<String> unavailable) {
        if (unavailable.contains(VECTOR)) {
            return "running on the reference kernels (several times slower): the Vector API kernels need the JVM flag"
                    + " --add-modules jdk.incubator.vector";
        }
        return "running on the reference kernels (several times slower): the Vector API kernels are not on the"
                + " classpath (add dev.transformers4j:transformers4j-simd, and the JVM flag"
                + " --add-modules jdk.incubator.vector)";
    }

    /** The thread count from {@code t4j.threads} / {@code T4J_THREADS}, else the number of cores. */
    public static int defaultThreads() {
        String s = setting("t4j.threads", "T4J_THREADS", "");
        if (!s.isEmpty()) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("t4j.threads: expected a positive integer but was '" + s + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
