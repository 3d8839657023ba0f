package dev.transformers4j.models.testing;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import java.util.stream.Stream;

/** Both kernel backends, for tests that must give the same answers on each. */
public final class Backends {

    private Backends() {
    }

    /** The reference kernels and the Vector API kernels (2 threads); fails when the latter are unavailable. */
    public static Stream<Kernels> all() {
        return Stream.of(Backend.create(Backend.REFERENCE, 1), Backend.create(Backend.VECTOR, 2));
    }

    /** Runs {@code body} with {@code kernels} selected, restoring the previous backend. */
    public static void with(Kernels kernels, Runnable body) {
        Kernels previous = Backend.current();
        Backend.use(kernels);
        try {
            body.run();
        } finally {
            Backend.use(previous);
        }
    }
}
