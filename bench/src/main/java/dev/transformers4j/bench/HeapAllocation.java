package dev.transformers4j.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated on the Java heap by a piece of work, counted over <b>every live Java thread</b> — the caller and
 * the backend's pool threads alike — from the JVM's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes(long[])}) read before and after. A thread that
 * starts during the work counts from zero. Other threads of the JVM that happen to allocate meanwhile are counted
 * too, so the figure is an upper bound; run nothing else at the same time.
 */
final class HeapAllocation {

    private HeapAllocation() {
    }

    /** The median over {@code runs} runs of the megabytes (10⁶ bytes) one run of {@code work} allocates; NaN when the JVM cannot count. */
    static double megabytesPerRun(Runnable work, int runs) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return Double.NaN;
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        double[] mb = new double[Math.max(1, runs)];
        for (int r = 0; r < mb.length; r++) {
            Map<Long, Long> before = snapshot(threads);
            work.run();
            Map<Long, Long> after = snapshot(threads);
            long bytes = 0;
            for (Map.Entry<Long, Long> e : after.entrySet()) {
                bytes += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            mb[r] = bytes / 1e6;
        }
        return Timing.median(mb);
    }

    /** Thread id → bytes allocated so far, for every live thread (a thread that ended meanwhile reports −1: left out). */
    private static Map<Long, Long> snapshot(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }
}
