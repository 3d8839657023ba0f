package dev.transformers4j.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own cost of a piece of work: milliseconds the garbage collectors reported, bytes this thread
 * allocated and bytes all threads allocated (the kernels' worker threads too), read before and after it.
 */
record JvmCounters(long gcMillis, long gcCount, long allocatedBytes, long allThreadsAllocatedBytes) {

    static JvmCounters now() {
        long ms = 0;
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
            count += Math.max(0, gc.getCollectionCount());
        }
        return new JvmCounters(ms, count, allocatedByThisThread(), allocatedByAllThreads());
    }

    /** What happened between {@code before} and now. */
    JvmCounters since(JvmCounters before) {
        return new JvmCounters(gcMillis - before.gcMillis, gcCount - before.gcCount,
                allocatedBytes - before.allocatedBytes, allThreadsAllocatedBytes - before.allThreadsAllocatedBytes);
    }

    private static long allocatedByAllThreads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getTotalThreadAllocatedBytes();
        }
        return 0;
    }

    private static long allocatedByThisThread() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }
}
