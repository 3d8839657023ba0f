package dev.transformers4j.core;

/**
 * Opt-in tracing of tensor operations, for the computation-graph recorder. Every operation reports through
 * {@link Tensor#derivedFrom}; when no thread is tracing, that costs one read of a counter.
 */
public final class OpTrace {

    private static volatile int tracing;                  // threads running under run(...)
    private static final ThreadLocal<OpListener> LISTENER = new ThreadLocal<>();

    private OpTrace() {
    }

    /** Runs {@code body} with {@code listener} told about every operation this thread performs. */
    public static void run(OpListener listener, Runnable body) {
        OpListener previous = LISTENER.get();
        LISTENER.set(listener);
        synchronized (OpTrace.class) {
            tracing++;
        }
        try {
            body.run();
        } finally {
            synchronized (OpTrace.class) {
                tracing--;
            }
            LISTENER.set(previous);
        }
    }

    /** Whether some thread is tracing: an operation that would be reported as two must not be fused into one. */
    static boolean active() {
        return tracing > 0;
    }

    static void report(String op, Tensor output, Tensor a, Tensor b, Tensor c) {
        if (tracing > 0) {
            OpListener l = LISTENER.get();
            if (l != null) {
                Workspace.escapeAll();              // the listener may keep the tensors it is shown
                l.op(op, output, a, b, c);
            }
        }
    }
}
