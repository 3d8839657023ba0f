package dev.transformers4j.simd;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs {@code tasks} independent pieces of work on a fixed set of threads: the caller runs task 0 and
 * the rest go to a shared {@link ForkJoinPool} (daemon threads, created once per thread count).
 * {@link #runChunks} instead lets the caller and the pool's threads claim pieces as they come free, so a busy or
 * slow-to-wake pool thread never holds the caller up for more than the one piece it has started.
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

    /**
     * Runs {@code body.accept(c)} for every chunk {@code c} in {@code [0, chunks)}: the calling thread and up to
     * {@code threads − 1} pool threads each claim the next unclaimed chunk until none is left. Returns when every
     * chunk is done; a pool thread that starts only after that finds nothing to claim. Which thread runs a chunk
     * varies from call to call, so each chunk must write its own part of the result.
     */
    void runChunks(int chunks, IntConsumer body) {
        if (chunks <= 1 || pool == null) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        Chunks work = new Chunks(chunks, body, Thread.currentThread());
        for (int h = 1; h < Math.min(threads, chunks); h++) {
            pool.execute(work::claimUntilDone);
        }
        work.claimUntilDone();
        work.awaitAll();
        if (work.failure instanceof RuntimeException re) {
            throw re;
        } else if (work.failure instanceof Error err) {
            throw err;
        }
    }

    /** The shared state of one {@link #runChunks} call. */
    private static final class Chunks {
        private final int count;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Chunks(int count, IntConsumer body, Thread caller) {
            this.count = count;
            this.body = body;
            this.caller = caller;
        }

        void claimUntilDone() {
            for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        body.accept(c);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    if (done.incrementAndGet() == count) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Waits (a short spin, then parked) for the chunks other threads have claimed. */
        void awaitAll() {
            for (int spin = 0; done.get() < count && spin < 2000; spin++) {
                Thread.onSpinWait();
            }
            while (done.get() < count) {
                LockSupport.park(this);
            }
        }
    }
}
