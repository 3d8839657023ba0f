package dev.transformers4j.simd;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Runs {@code tasks} independent pieces of work on a fixed set of threads: the caller runs task 0 and
 * the rest go to a shared {@link ForkJoinPool} (daemon threads, created once per thread count).
 */
final class WorkerPool {

    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private final int threads;
    private final ForkJoinPool pool;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1 but was " + threads);
        }
        this.threads = threads;
        // the calling thread works too, so the pool needs one thread fewer
        this.pool = threads == 1 ? null : POOLS.computeIfAbsent(threads - 1, ForkJoinPool::new);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body.accept(t)} for {@code t} in {@code [0, tasks)} and waits for all of them. */
    void run(int tasks, IntConsumer body) {
        if (tasks == 1 || pool == null) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            forked[t - 1] = pool.submit(() -> body.accept(task));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }
}
