package dev.transformers4j.pipelines;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Both kernel backends, created once per JVM: the reference kernels and the Vector API kernels on 2 threads
 * (a local copy of the models module's test helper, whose test-jar this module does not depend on).
 */
final class TestBackends {

    static final List<String> NAMES = List.of(Backend.REFERENCE, Backend.VECTOR);
    private static final Map<String, Kernels> KERNELS = new HashMap<>();

    private TestBackends() {
    }

    /** The kernels of a backend; fails when the vector backend is unavailable. */
    static synchronized Kernels kernels(String name) {
        return KERNELS.computeIfAbsent(name, n -> {
            Kernels k = Backend.create(n, n.equals(Backend.REFERENCE) ? 1 : 2);
            if (!k.name().equals(n)) {
                throw new IllegalStateException("asked for the " + n + " backend but got " + k.name());
            }
            return k;
        });
    }

    /** Runs {@code body} on a backend, restoring the previous one. */
    static <T> T with(String name, Supplier<T> body) {
        Kernels previous = Backend.current();
        Backend.use(kernels(name));
        try {
            return body.get();
        } finally {
            Backend.use(previous);
        }
    }
}
