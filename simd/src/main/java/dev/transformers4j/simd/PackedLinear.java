package dev.transformers4j.simd;

import static dev.transformers4j.simd.SgemmKernel.NR;

import java.util.Arrays;

/**
 * {@code y = act(x·Wᵀ + b)} for a weight packed once ({@link PackedWeight}): {@link Sgemm}'s blocked product with
 * B's panels read in place (only A, the activations, is packed per call) and the bias and activation applied by
 * the {@link Epilogue} to each tile of the last k-block. Per element the sum runs in the same order as
 * {@link Sgemm#gemm}.
 *
 * <p>Threads share the work in chunks claimed as they come free ({@link WorkerPool#runChunks}): chunks of rows
 * when there are at least as many rows as columns, else chunks of whole panels of the weight, so that a thread
 * reads only its own panels. Each output element is computed by one chunk in the same order whatever the split:
 * results do not depend on the thread count.
 */
final class PackedLinear {

    /**
     * Below this many multiply-adds the product stays on the calling thread (about 30 µs of work here, a few times
     * the cost of handing chunks to a pool thread); see BENCHMARKS.md for the crossover.
     */
    static final long PARALLEL_MIN_FMAS = 1L << 21;
    /** Chunks per thread: enough that a pool thread woken late or descheduled holds up only a small piece. */
    private static final int CHUNKS_PER_THREAD = 4;

    private PackedLinear() {
    }

    /** {@code y[m, out] = act(x·Wᵀ + b)}, {@code x [m, in]} with row stride {@code ldx}, y with row stride {@code ldy}. */
    static void run(WorkerPool pool, int m, float[] x, int xOff, int ldx, PackedWeight w,
                    float[] y, int yOff, int ldy, Epilogue epilogue) {
        int n = w.out();
        long fmas = (long) m * n * w.in();
        int threads = fmas < PARALLEL_MIN_FMAS ? 1 : pool.threads();
        int wanted = CHUNKS_PER_THREAD * threads;
        if (threads == 1) {
            gemm(m, 0, n, x, xOff, ldx, w, y, yOff, ldy, epilogue);
        } else if (m >= n && m >= 2 * SgemmKernel.MR) {
            int rows = Sgemm.roundUp((m + wanted - 1) / wanted, SgemmKernel.MR);
            pool.runChunks((m + rows - 1) / rows, c -> {
                int i0 = c * rows;
                gemm(Math.min(rows, m - i0), 0, n, x, xOff + i0 * ldx, ldx, w, y, yOff + i0 * ldy, ldy, epilogue);
            });
        } else {
            int panels = PackedWeight.panelCount(n);
            int cols = (panels + wanted - 1) / wanted * NR;
            pool.runChunks((n + cols - 1) / cols, c -> {
                int j0 = c * cols;
                gemm(m, j0, Math.min(n, j0 + cols), x, xOff, ldx, w, y, yOff, ldy, epilogue);
            });
        }
    }

    /** Single-threaded: the output columns {@code [j0, j1)} ({@code j0} a multiple of NR) of all m rows. */
    static void gemm(int m, int j0, int j1, float[] a, int aOff, int lda, PackedWeight w,
                     float[] c, int cOff, int ldc, Epilogue epilogue) {
        int k = w.in();
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc + j0, cOff + i * ldc + j1, 0f);
                if (epilogue != null) {
                    epilogue.apply(c, cOff + i * ldc + j0, j0, j1 - j0);
                }
            }
            return;
        }
        float[][] buf = Sgemm.BUFFERS.get();
        float[] ap = buf[0], tile = buf[2];
        int kStep = Sgemm.kStep(k);
        for (int jc = j0; jc < j1; jc += Sgemm.NC) {
            int nc = Math.min(Sgemm.NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                Epilogue last = pc + kc == k ? epilogue : null;
                for (int ic = 0; ic < m; ic += Sgemm.MC) {
                    int mc = Math.min(Sgemm.MC, m - ic);
                    SgemmPacking.packA(a, aOff, lda, false, ic, mc, pc, kc, ap);
                    Sgemm.macroKernel(mc, nc, kc, ap, w.panels, w.panelOffset(jc, pc), k * NR,
                            c, cOff + ic * ldc + jc, ldc, pc > 0, tile, last, jc);
                }
            }
        }
    }
}
