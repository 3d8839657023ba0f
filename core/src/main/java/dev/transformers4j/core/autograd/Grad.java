package dev.transformers4j.core.autograd;

import java.util.function.Supplier;

/**
 * The gradient-recording switch, as PyTorch's {@code torch.no_grad()}.
 *
 * <p>An operation is recorded only when one of its inputs {@linkplain dev.transformers4j.core.Tensor#needsGrad()
 * needs a gradient} <i>and</i> recording is enabled on the calling thread (the default). Parameters start
 * with {@code requiresGrad = false}, so plain inference records nothing and pays one field check per operation;
 * inside {@link #noGrad} even a model being trained records nothing.
 *
 * <pre>{@code
 * Tensor logits = Grad.noGrad(() -> model.forward(batch));
 * try (var off = Grad.disabled()) { ... }
 * }</pre>
 */
public final class Grad {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Grad() {
    }

    /** Whether operations on the calling thread are recorded for {@link dev.transformers4j.core.Tensor#backward()}. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off on this thread until the returned scope is closed (then restores the previous mode). */
    public static Scope disabled() {
        return set(false);
    }

    /** Turns recording on on this thread until the returned scope is closed (inside a {@link #disabled()} block). */
    public static Scope enabled() {
        return set(true);
    }

    /** Runs {@code body} with recording off and returns its result. */
    public static <T> T noGrad(Supplier<T> body) {
        try (Scope off = disabled()) {
            return body.get();
        }
    }

    /** Runs {@code body} with recording off. */
    public static void noGrad(Runnable body) {
        try (Scope off = disabled()) {
            body.run();
        }
    }

    private static Scope set(boolean on) {
        boolean[] mode = ENABLED.get();
        boolean previous = mode[0];
        mode[0] = on;
        return () -> mode[0] = previous;
    }

    /** A grad-mode block; closing it restores the mode it replaced. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
