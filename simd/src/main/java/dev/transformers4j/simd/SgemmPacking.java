package dev.transformers4j.simd;

import static dev.transformers4j.simd.SgemmKernel.MR;
import static dev.transformers4j.simd.SgemmKernel.NR;
import static dev.transformers4j.simd.SgemmKernel.S;
import static dev.transformers4j.simd.SgemmKernel.V;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of A and B into the order {@link SgemmKernel} reads them, so the micro-kernel walks
 * both operands contiguously: B as panels of NR columns ({@code [kc][NR]} each), A as panels of MR rows
 * ({@code [kc][MR]} each). Ragged edges are padded with zeros, so every tile the kernel computes is full.
 */
final class SgemmPacking {

    /** Per thread: {@code j·ldb} for the NR rows of a panel of transposed B, the index map of the gathers. */
    private static final ThreadLocal<int[]> ROW_OFFSETS = ThreadLocal.withInitial(() -> new int[NR]);

    private SgemmPacking() {
    }

    /**
     * Packs {@code B[pc:pc+kc, jc:jc+nc]} (or, when {@code transB}, the same block of the {@code [n, k]}
     * matrix read transposed) into {@code bp} as ⌈nc/NR⌉ panels of {@code kc × NR}.
     */
    static void packB(float[] b, int bOff, int ldb, boolean transB, int pc, int kc, int jc, int nc, float[] bp) {
        for (int j0 = 0, dst = 0; j0 < nc; j0 += NR, dst += kc * NR) {
            int w = Math.min(NR, nc - j0);
            if (transB && w == NR) {
                gatherPanel(b, bOff + (jc + j0) * ldb + pc, ldb, kc, bp, dst);
            } else if (transB) {
                // row j of Bᵀ is contiguous in k: read it straight, write it down the panel's column jj
                for (int jj = 0; jj < w; jj++) {
                    int src = bOff + (jc + j0 + jj) * ldb + pc;
                    for (int p = 0, d = dst + jj; p < kc; p++, d += NR) {
                        bp[d] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + j0, bp, dst + p * NR, w);
                }
            }
            if (w < NR) {
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(bp, dst + p * NR + w, dst + (p + 1) * NR, 0f);
                }
            }
        }
    }

    /** A full panel of transposed B: step p of the panel is a gather of B[j, p] down NR rows with stride ldb. */
    private static void gatherPanel(float[] b, int src, int ldb, int kc, float[] bp, int dst) {
        int[] rows = ROW_OFFSETS.get();
        if (rows[1] != ldb) {
            for (int j = 0; j < NR; j++) {
                rows[j] = j * ldb;
            }
        }
        for (int p = 0; p < kc; p++) {
            for (int v = 0; v < NR; v += V) {
                FloatVector.fromArray(S, b, src + p, rows, v).intoArray(bp, dst + p * NR + v);
            }
        }
    }

    /**
     * Packs {@code A[ic:ic+mc, pc:pc+kc]} into {@code ap} as ⌈mc/MR⌉ panels of {@code kc × MR}; when
     * {@code transA}, A is stored {@code [k, m]} and each step p of a panel is MR consecutive values of row p.
     */
    static void packA(float[] a, int aOff, int lda, boolean transA, int ic, int mc, int pc, int kc, float[] ap) {
        for (int i0 = 0, dst = 0; i0 < mc; i0 += MR, dst += kc * MR) {
            int h = Math.min(MR, mc - i0);
            if (transA) {
                for (int p = 0, src = aOff + pc * lda + ic + i0, d = dst; p < kc; p++, src += lda, d += MR) {
                    System.arraycopy(a, src, ap, d, h);
                    Arrays.fill(ap, d + h, d + MR, 0f);
                }
                continue;
            }
            for (int ii = 0; ii < h; ii++) {
                int src = aOff + (ic + i0 + ii) * lda + pc;
                for (int p = 0, d = dst + ii; p < kc; p++, d += MR) {
                    ap[d] = a[src + p];
                }
            }
            for (int ii = h; ii < MR; ii++) {
                for (int p = 0, d = dst + ii; p < kc; p++, d += MR) {
                    ap[d] = 0f;
                }
            }
        }
    }
}
