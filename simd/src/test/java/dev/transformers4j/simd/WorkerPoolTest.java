package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link WorkerPool#runChunks}: every chunk runs exactly once, the call returns only when all are done, failures surface. */
class WorkerPoolTest {

    @Test
    void everyChunkRunsOnceAndIsDoneOnReturn() {
        for (int threads : new int[] {1, 2, 3}) {
            WorkerPool pool = new WorkerPool(threads);
            for (int chunks : new int[] {0, 1, 2, 7, 64}) {
                for (int round = 0; round < 50; round++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
                    pool.runChunks(chunks, c -> {
                        if (c % 3 == 0) {
                            Thread.onSpinWait();
                        }
                        runs.incrementAndGet(c);
                    });
                    for (int c = 0; c < chunks; c++) {
                        assertThat(runs.get(c)).as("threads=%d chunks=%d chunk %d", threads, chunks, c).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAfterTheOthersStop() {
        WorkerPool pool = new WorkerPool(2);
        assertThatThrownBy(() -> pool.runChunks(16, c -> {
            if (c == 5) {
                throw new IllegalStateException("chunk 5");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("chunk 5");
        // the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        pool.runChunks(4, runs::incrementAndGet);
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1]");
    }
}
