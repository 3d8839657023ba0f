package dev.transformers4j.core;

/**
 * Where the operations of an inference forward pass get their arrays: a workspace reused from one forward to the
 * next, so that a model in steady state allocates (almost) nothing. Model code never sees it: the operations ask
 * here instead of writing {@code new float[n]}, and {@link dev.transformers4j.core.nn.Module}'s {@code enter} /
 * {@code exit} open and close a {@link Frame} around every module's forward.
 *
 * <p><b>The rule.</b> When a module's forward returns, everything allocated during it is dead except what its
 * return value holds (a {@link Tensor}, a {@link TensorContainer} such as a model output record, or a list of
 * them). So at each module's exit the arrays of its frame that the return value does not reach go back to the
 * workspace (the next operation of the same forward reuses them), and those it reaches move to the caller's frame.
 * At the exit of the outermost forward on the thread what the return value reaches leaves the workspace for good:
 * it belongs to the caller, and no later call writes over it.
 *
 * <p><b>When it is on.</b> Only in inference: the outermost module is in evaluation mode and nothing would record
 * gradients ({@code Grad} off, or no parameter requires a gradient). Whatever might keep a tensor beyond its
 * module's return value switches the workspace off for what exists at that moment ({@link #escapeAll}): a
 * forward hook or pre-hook runs, an operation is recorded for autograd, an {@link OpTrace} listener is told about
 * an operation. A return value of a type it cannot look into keeps its whole frame. Module state and caches (the
 * {@code KVCache}) never come from here: they allocate their own arrays.
 *
 * <p><b>Memory.</b> Free arrays are kept per exact length (steady-state shapes repeat, and {@code data().length}
 * stays the element count). A thread borrows an {@code Arena} from a global pool when its outermost forward
 * starts and returns it when that forward ends, so two threads never share one and virtual threads reuse them;
 * the pool keeps at most {@code max(2, cores)} idle arenas and all arenas together retain at most
 * {@code t4j.workspace.max-mb} MB of free arrays (default a quarter of the heap); beyond that arrays are left to
 * the garbage collector. A forward whose workspace cannot fit in the heap fails with an
 * {@link IllegalArgumentException} naming its batch and length instead of an {@link OutOfMemoryError}.
 *
 * <p><b>Switches.</b> {@code -Dt4j.workspace=off} turns it off (every operation allocates, as before);
 * {@code -Dt4j.workspace=poison} fills every recycled array with NaN, so an operation that wrongly assumes a fresh
 * array is zero shows at once (the tests run this way). {@link #disabled()} turns it off on one thread.
 */
public final class Workspace {

    private static final String MODE = mode(System.getProperty("t4j.workspace", "on"));
    private static final boolean ENABLED = !MODE.equals("off");
    private static final boolean POISON = MODE.equals("poison");
    private static final int MAX_TRACKED = 1 << 20;

    private static final ThreadLocal<WorkspaceThread> THREAD = new ThreadLocal<>();
    private static final ThreadLocal<int[]> OFF = ThreadLocal.withInitial(() -> new int[1]);

    private Workspace() {
    }

    // ---------------------------------------------------------------- the allocation point

    /**
     * An array of {@code n} floats whose contents are unspecified (a recycled array holds old values): for an
     * operation that writes every element before reading any.
     */
    public static float[] floats(int n) {
        WorkspaceThread w = THREAD.get();
        return w == null || w.depth == 0 ? plain(n, null) : w.take(n, false);
    }

    /** An array of {@code n} zeros: for an operation that accumulates into its output. */
    public static float[] zeros(int n) {
        WorkspaceThread w = THREAD.get();
        return w == null || w.depth == 0 ? plain(n, null) : w.take(n, true);
    }

    /** {@code new float[n]}, with a clear error instead of an {@link OutOfMemoryError} when it cannot fit. */
    static float[] plain(int n, WorkspaceThread w) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot allocate " + n + " floats");
        }
        long inUse = w == null ? 0 : w.inUse();
        long heap = Runtime.getRuntime().maxMemory();
        if (inUse + 4L * n > heap) {
            throw tooLarge(w, inUse, n, heap);
        }
        try {
            return new float[n];
        } catch (OutOfMemoryError e) {
            if (w != null && w.arena != null) {
                w.arena.clear();                         // the free arrays of other lengths, then once more
                try {
                    return new float[n];
                } catch (OutOfMemoryError again) {
                    // reported below
                }
            }
            throw tooLarge(w, inUse, n, heap);
        }
    }

    private static IllegalArgumentException tooLarge(WorkspaceThread w, long inUse, int n, long heap) {
        String what = w == null ? "this forward pass" : w.describeInput();
        if (w != null) {
            w.discard();                                 // let the garbage collector have it all
        }
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "%s needs more than %.2f GB of workspace (%.2f GB in use, %.2f GB more asked for) but the heap is"
                        + " %.2f GB; lower the batch or raise -Xmx", what, (inUse + 4.0 * n) / 1e9, inUse / 1e9,
                4.0 * n / 1e9, heap / 1e9));
    }

    // ---------------------------------------------------------------- frames (Module's enter and exit)

    /**
     * A frame for a module's forward that runs inside another one on this thread, or null when no workspace is in
     * use here. {@code module} found already on the stack, or a root module ({@code root}: one that is nobody's
     * sub-module) entered while frames are open, means those frames were left by an exception: they are dropped
     * (their arrays are forgotten, never reused) and, if none is left, null is returned.
     */
    public static Frame enter(Object module, boolean root) {
        WorkspaceThread w = THREAD.get();
        if (w == null || w.depth == 0) {
            return null;
        }
        int stale = root ? 0 : w.indexOf(module);
        if (stale >= 0) {
            w.abandon(stale);
            if (w.depth == 0) {
                return null;
            }
        }
        return w.push(module, null);
    }

    /**
     * Opens the workspace for the outermost forward on this thread, that of {@code module} (the caller has checked
     * that it is an inference forward), or returns null when the workspace is switched off.
     *
     * @param input the forward's first argument, named in the error of a workspace too large for the heap
     */
    public static Frame open(Object module, Object input) {
        if (!ENABLED || OFF.get()[0] > 0) {
            return null;
        }
        WorkspaceThread w = THREAD.get();
        if (w == null) {
            w = new WorkspaceThread(Thread.currentThread());
            THREAD.set(w);
        }
        if (w.depth > 0) {
            w.abandon(0);
        }
        w.arena = ArenaPool.borrow();
        return w.push(module, input);
    }

    /**
     * Everything the workspace has handed out on this thread so far stays valid for good (it is never reused): for
     * whatever may keep tensors beyond a module's return value (hooks, the autograd graph, operation tracing).
     */
    public static void escapeAll() {
        WorkspaceThread w = THREAD.get();
        if (w != null && w.depth > 0) {
            w.forgetAll();
        }
    }

    /** Turns the workspace off on this thread until the returned scope is closed (forwards allocate as before). */
    public static Off disabled() {
        int[] off = OFF.get();
        off[0]++;
        return () -> off[0]--;
    }

    /** A block with the workspace off on this thread; closing it restores the previous state. */
    @FunctionalInterface
    public interface Off extends AutoCloseable {
        @Override
        void close();
    }

    /** Statistics of this thread, for tests: arrays reused from the workspace and arrays allocated by it. */
    public static long[] counters() {
        WorkspaceThread w = THREAD.get();
        return w == null ? new long[2] : new long[] {w.reused, w.allocated};
    }

    /** One module's forward in the workspace: closed by {@link #close} with what the forward returns. */
    public static final class Frame {

        final WorkspaceThread thread;
        final Object module;
        final Object input;
        int start;                   // the first array of this frame in its thread's list

        Frame(WorkspaceThread thread, Object module, Object input, int start) {
            this.thread = thread;
            this.module = module;
            this.input = input;
            this.start = start;
        }

        /** Ends the forward that returns {@code output}: what it does not reach goes back to the workspace. */
        public void close(Object output) {
            if (thread.owner == Thread.currentThread()) {
                thread.close(this, output);
            }
        }
    }

    static boolean poison() {
        return POISON;
    }

    private static String mode(String value) {
        String m = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("on") && !m.equals("off") && !m.equals("poison")) {
            throw new IllegalArgumentException("-Dt4j.workspace=" + value + ": expected on, off or poison");
        }
        return m;
    }

    static int maxTracked() {
        return MAX_TRACKED;
    }
}
