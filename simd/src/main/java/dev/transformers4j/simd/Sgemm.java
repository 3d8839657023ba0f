package dev.transformers4j.simd;

import static dev.transformers4j.simd.SgemmKernel.MR;
import static dev.transformers4j.simd.SgemmKernel.NR;

import java.util.Arrays;

/**
 * Packed, cache-blocked single-precision GEMM in the style of BLIS/GotoBLAS.
 *
 * <p>Blocking, outermost first: columns of C in blocks of NC; k in equal blocks of at most KC, for each
 * of which a {@code kc × NC} block of B is packed (it stays in L2/L3); rows of C in blocks of MC, for each
 * of which an {@code MC × kc} block of A is packed (it stays in L2); then each NR-wide panel of B (in L1)
 * against every MR-high panel of A, one call of the {@link SgemmKernel} micro-kernel per pair. The first
 * k-block overwrites C (unless accumulating), later ones add to it.
 *
 * <p>Threads split C along its longer side, rows or columns: each thread packs its own blocks of both
 * operands, and this way the operand every thread must pack in full is the smaller one.
 */
final class Sgemm {

    // Block sizes: a KC × NR panel of B is 32 KB with 512-bit vectors (L1 is 48 KB), an MC × KC block of A
    // 96 KB (L2 is 1 MB); measured within a few per cent of each other for MC 96–384 and KC 128–384.
    static final int KC = 256;
    static final int MC = roundUp(96, MR);
    static final int NC = roundUp(1536, NR);
    /** Below this many multiply-adds a single thread is faster than waking the others. */
    static final long PARALLEL_MIN_FMAS = 1L << 17;

    /** Per-thread pack buffers (A, B, a ragged tile), allocated once per thread. */
    static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private Sgemm() {
    }

    /** {@code C (+)= A·B} or {@code A·Bᵀ}, spread over the pool's threads when large enough. */
    static void matmul(WorkerPool pool, int m, int n, int k,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        matmul(pool, m, n, k, a, aOff, lda, false, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }

    /** {@code C (+)= op(A)·op(B)}, A read transposed ({@code [k, m]}) when {@code transA}. */
    static void matmul(WorkerPool pool, int m, int n, int k, float[] a, int aOff, int lda, boolean transA,
                       float[] b, int bOff, int ldb, boolean transB,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        long fmas = (long) m * n * k;
        int tasks = fmas < PARALLEL_MIN_FMAS ? 1 : pool.threads();
        // split the longer side: every thread packs all of the other operand, so that one should be the smaller
        boolean rowsSplit = m >= MR * tasks, colsSplit = n >= NR * tasks;
        if (tasks > 1 && rowsSplit && (m >= n || !colsSplit)) {
            int rows = roundUp((m + tasks - 1) / tasks, MR);
            pool.run((m + rows - 1) / rows, t -> {
                int i0 = t * rows;
                gemm(Math.min(rows, m - i0), n, k, a, aOff + (transA ? i0 : i0 * lda), lda, transA, b, bOff, ldb, transB,
                        c, cOff + i0 * ldc, ldc, accumulate);
            });
        } else if (tasks > 1 && colsSplit) {
            int cols = roundUp((n + tasks - 1) / tasks, NR);
            pool.run((n + cols - 1) / cols, t -> {
                int j0 = t * cols;
                gemm(m, Math.min(cols, n - j0), k, a, aOff, lda, transA, b, bOff + (transB ? j0 * ldb : j0), ldb, transB,
                        c, cOff + j0, ldc, accumulate);
            });
        } else {
            gemm(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        }
    }

    /** The single-threaded blocked GEMM. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(m, n, k, a, aOff, lda, false, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }

    /** The single-threaded blocked GEMM, A read transposed when {@code transA}. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                     int ldb, boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            for (int i = 0; i < m && !accumulate; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
            return;
        }
        float[][] buf = BUFFERS.get();
        float[] ap = buf[0], bp = buf[1], tile = buf[2];
        int kStep = kStep(k);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                boolean load = accumulate || pc > 0;
                SgemmPacking.packB(b, bOff, ldb, transB, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    SgemmPacking.packA(a, aOff, lda, transA, ic, mc, pc, kc, ap);
                    macroKernel(mc, nc, kc, ap, bp, 0, kc * NR, c, cOff + ic * ldc + jc, ldc, load, tile, null, 0);
                }
            }
        }
    }

    /**
     * All MR×NR tiles of one packed {@code mc × kc} block of A against {@code ⌈nc/NR⌉} packed {@code kc × NR} panels
     * of B, panel {@code p} from {@code bOff + p·panelStride}. With an epilogue (the last k-block of a
     * {@link #linear}), each finished tile gets it while still in L1; {@code col} is the output column of the
     * block's first column.
     */
    static void macroKernel(int mc, int nc, int kc, float[] ap, float[] bp, int bOff, int panelStride,
                                    float[] c, int cOff, int ldc, boolean load, float[] tile, Epilogue epilogue, int col) {
        for (int jr = 0, bPanel = bOff; jr < nc; jr += NR, bPanel += panelStride) {
            int w = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int h = Math.min(MR, mc - ir);
                int ct = cOff + ir * ldc + jr;
                if (h == MR && w == NR) {
                    SgemmKernel.tile(kc, ap, ir * kc, bp, bPanel, c, ct, ldc, load);
                } else if (w == NR) {
                    SgemmKernel.tileRows(h, kc, ap, ir * kc, bp, bPanel, c, ct, ldc, load);   // the bottom edge
                } else {
                    // ragged edge: compute the full (zero-padded) tile aside, then copy out the valid part
                    SgemmKernel.tile(kc, ap, ir * kc, bp, bPanel, tile, 0, NR, false);
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            c[ct + i * ldc + j] = load ? c[ct + i * ldc + j] + tile[i * NR + j] : tile[i * NR + j];
                        }
                    }
                }
                if (epilogue != null) {
                    for (int i = 0; i < h; i++) {
                        epilogue.apply(c, ct + i * ldc, col + jr, w);
                    }
                }
            }
        }
    }

    /** The length of the k-blocks: k in equal blocks of at most KC. */
    static int kStep(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
