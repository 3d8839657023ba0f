package dev.transformers4j.core;

import java.util.ArrayDeque;

/**
 * The arenas of the threads that are not running a forward pass: a thread borrows one when its outermost forward
 * starts and gives it back when that forward ends, so no two threads share an arena and a new (virtual) thread
 * reuses the arrays of an earlier one. At most {@code max(2, cores)} arenas wait here, holding together at most
 * {@link #maxBytes()} of free arrays (property {@code t4j.workspace.max-mb}, default a quarter of the heap); an
 * arena given back beyond that is left to the garbage collector.
 */
final class ArenaPool {

    private static final long MAX_BYTES = maxBytes(System.getProperty("t4j.workspace.max-mb"));
    private static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final ArrayDeque<Arena> IDLE = new ArrayDeque<>();
    private static long idleBytes;

    private ArenaPool() {
    }

    static synchronized Arena borrow() {
        Arena a = IDLE.pollLast();                       // the most recently used: its arrays are the warmest
        if (a == null) {
            return new Arena();
        }
        idleBytes -= a.retainedBytes();
        return a;
    }

    static void giveBack(Arena a) {
        a.endScope();
        synchronized (ArenaPool.class) {
            if (IDLE.size() < MAX_IDLE && idleBytes + a.retainedBytes() <= MAX_BYTES) {
                IDLE.addLast(a);
                idleBytes += a.retainedBytes();
            }
        }
    }

    /** The most bytes of free arrays one arena keeps, and all idle arenas together. */
    static long maxBytes() {
        return MAX_BYTES;
    }

    /** Bytes of free arrays held by the idle arenas (for tests). */
    static synchronized long idleBytes() {
        return idleBytes;
    }

    private static long maxBytes(String mb) {
        if (mb == null) {
            return Runtime.getRuntime().maxMemory() / 4;
        }
        try {
            long v = Long.parseLong(mb.trim());
            if (v >= 0) {
                return v << 20;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Dt4j.workspace.max-mb=" + mb + ": expected a number of megabytes ≥ 0");
    }
}
