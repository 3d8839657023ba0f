package dev.transformers4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix–vector products ({@code m = 1}, as in token-by-token generation) and the dot product. These are
 * bound by memory bandwidth, not arithmetic: B is streamed once, row by row, with several independent
 * accumulators in flight; the threads split the columns of the result.
 */
final class Gemv {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** Below this many multiply-adds, handing half the rows of B to another thread does not pay. */
    private static final long PARALLEL_MIN_FMAS = 1L << 20;

    private Gemv() {
    }

    /** {@code c[0:n] (+)= a[0:k]·B} or {@code a·Bᵀ}. */
    static void matmul(WorkerPool pool, int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb,
                       boolean transB, float[] c, int cOff, boolean accumulate) {
        // a 1536 × 384 product takes ~40 µs on one thread, about what waking another thread costs: go parallel
        // only above that
        int tasks = (long) n * k < PARALLEL_MIN_FMAS || n < 8 * V ? 1 : pool.threads();
        int cols = Sgemm.roundUp((n + tasks - 1) / tasks, 4 * V);
        pool.run((n + cols - 1) / cols, t -> {
            int j0 = t * cols, j1 = Math.min(n, j0 + cols);
            if (transB) {
                rowsDot(j0, j1, k, a, aOff, b, bOff, ldb, c, cOff, accumulate);
            } else {
                columnsAxpy(j0, j1, k, a, aOff, b, bOff, ldb, c, cOff, accumulate);
            }
        });
    }

    /**
     * {@code c[0:out] = act(a·Wᵀ + b)} for a packed weight: the panels are streamed from start to end, two at a
     * time (four accumulators), each step one broadcast of {@code a[i]} against NR weights, with no horizontal
     * sum; the threads claim chunks of panels. Each output is summed over i in order.
     */
    static void packed(WorkerPool pool, float[] a, int aOff, PackedWeight w, float[] c, int cOff, Epilogue epilogue) {
        int n = w.out(), k = w.in();
        int panels = PackedWeight.panelCount(n);
        int threads = (long) n * k < PARALLEL_MIN_FMAS ? 1 : pool.threads();
        // chunks of an even number of panels, four per thread, claimed as threads come free
        int perChunk = threads == 1 ? panels : Math.max(2, (panels + 8 * threads - 1) / (8 * threads) * 2);
        pool.runChunks((panels + perChunk - 1) / perChunk, t -> {
            int p0 = t * perChunk, p1 = Math.min(panels, p0 + perChunk);
            int p = p0;
            for (; p + 2 <= p1; p += 2) {
                panelPair(p, k, a, aOff, w, c, cOff, epilogue);
            }
            if (p < p1) {
                panel(p, k, a, aOff, w, c, cOff, epilogue);
            }
        });
    }

    /** Panels {@code p} and {@code p + 1} (both full-width unless the second is the last). */
    private static void panelPair(int p, int k, float[] a, int aOff, PackedWeight w, float[] c, int cOff,
                                  Epilogue epilogue) {
        float[] b = w.panels;
        int b0 = p * k * SgemmKernel.NR, b1 = b0 + k * SgemmKernel.NR;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
        for (int i = 0; i < k; i++) {
            FloatVector ai = FloatVector.broadcast(S, a[aOff + i]);
            int o = i * SgemmKernel.NR;
            s00 = ai.fma(FloatVector.fromArray(S, b, b0 + o), s00);
            s01 = ai.fma(FloatVector.fromArray(S, b, b0 + o + V), s01);
            s10 = ai.fma(FloatVector.fromArray(S, b, b1 + o), s10);
            s11 = ai.fma(FloatVector.fromArray(S, b, b1 + o + V), s11);
        }
        store(s00, s01, p, w.out(), c, cOff, epilogue);
        store(s10, s11, p + 1, w.out(), c, cOff, epilogue);
    }

    /** One panel {@code p}. */
    private static void panel(int p, int k, float[] a, int aOff, PackedWeight w, float[] c, int cOff,
                              Epilogue epilogue) {
        float[] b = w.panels;
        int b0 = p * k * SgemmKernel.NR;
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        for (int i = 0; i < k; i++) {
            FloatVector ai = FloatVector.broadcast(S, a[aOff + i]);
            int o = b0 + i * SgemmKernel.NR;
            s0 = ai.fma(FloatVector.fromArray(S, b, o), s0);
            s1 = ai.fma(FloatVector.fromArray(S, b, o + V), s1);
        }
        store(s0, s1, p, w.out(), c, cOff, epilogue);
    }

    /** Writes the valid columns of panel {@code p}'s two sums (a ragged last panel under a mask), then the epilogue. */
    private static void store(FloatVector s0, FloatVector s1, int p, int n, float[] c, int cOff, Epilogue epilogue) {
        int j = p * SgemmKernel.NR;
        if (j >= n) {
            return;
        }
        int width = Math.min(SgemmKernel.NR, n - j);
        if (width == SgemmKernel.NR) {
            s0.intoArray(c, cOff + j);
            s1.intoArray(c, cOff + j + V);
        } else {
            s0.intoArray(c, cOff + j, S.indexInRange(0, width));
            s1.intoArray(c, cOff + j + V, S.indexInRange(V, width));
        }
        if (epilogue != null) {
            epilogue.apply(c, cOff + j, j, width);
        }
    }

    /** {@code c[j] (+)= a·B[j, :]} for {@code j} in {@code [j0, j1)}, four rows of B at a time sharing each load of a. */
    private static void rowsDot(int j0, int j1, int k, float[] a, int aOff, float[] b, int bOff, int ldb,
                                float[] c, int cOff, boolean accumulate) {
        int bound = S.loopBound(k);
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int r0 = bOff + j * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < bound; p += V) {
                FloatVector av = FloatVector.fromArray(S, a, aOff + p);
                s0 = av.fma(FloatVector.fromArray(S, b, r0 + p), s0);
                s1 = av.fma(FloatVector.fromArray(S, b, r1 + p), s1);
                s2 = av.fma(FloatVector.fromArray(S, b, r2 + p), s2);
                s3 = av.fma(FloatVector.fromArray(S, b, r3 + p), s3);
            }
            float[] sums = {VectorMath.sum(s0), VectorMath.sum(s1), VectorMath.sum(s2), VectorMath.sum(s3)};
            for (int q = 0; q < 4; q++) {
                int row = bOff + (j + q) * ldb;
                for (int p = bound; p < k; p++) {
                    sums[q] += a[aOff + p] * b[row + p];
                }
                c[cOff + j + q] = accumulate ? c[cOff + j + q] + sums[q] : sums[q];
            }
        }
        for (; j < j1; j++) {
            float s = dot(a, aOff, b, bOff + j * ldb, k);
            c[cOff + j] = accumulate ? c[cOff + j] + s : s;
        }
    }

    /**
     * {@code c[j0:j1] (+)= Σ_p a[p]·B[p, j0:j1]}: B is streamed row by row (contiguous, so the prefetcher
     * keeps up), four rows per sweep over the slice of c, which stays in L1.
     */
    private static void columnsAxpy(int j0, int j1, int k, float[] a, int aOff, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff + j0, cOff + j1, 0f);
        }
        int vectorEnd = j0 + S.loopBound(j1 - j0);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float a0 = a[aOff + p], a1 = a[aOff + p + 1], a2 = a[aOff + p + 2], a3 = a[aOff + p + 3];
            int r0 = bOff + p * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
            for (int j = j0; j < vectorEnd; j += V) {
                FloatVector.fromArray(S, c, cOff + j)
                        .add(FloatVector.fromArray(S, b, r0 + j).mul(a0))
                        .add(FloatVector.fromArray(S, b, r1 + j).mul(a1))
                        .add(FloatVector.fromArray(S, b, r2 + j).mul(a2))
                        .add(FloatVector.fromArray(S, b, r3 + j).mul(a3))
                        .intoArray(c, cOff + j);
            }
            for (int j = vectorEnd; j < j1; j++) {
                c[cOff + j] = c[cOff + j] + b[r0 + j] * a0 + b[r1 + j] * a1 + b[r2 + j] * a2 + b[r3 + j] * a3;
            }
        }
        for (; p < k; p++) {
            float ap = a[aOff + p];
            int row = bOff + p * ldb;
            for (int j = j0; j < j1; j++) {
                c[cOff + j] += b[row + j] * ap;
            }
        }
    }

    /** {@code Σ a[i]·b[i]} with four vector accumulators (hiding the fma latency), then a scalar tail. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * V <= n; i += 4 * V) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + V).fma(FloatVector.fromArray(S, b, bOff + i + V), s1);
            s2 = FloatVector.fromArray(S, a, aOff + i + 2 * V).fma(FloatVector.fromArray(S, b, bOff + i + 2 * V), s2);
            s3 = FloatVector.fromArray(S, a, aOff + i + 3 * V).fma(FloatVector.fromArray(S, b, bOff + i + 3 * V), s3);
        }
        for (; i + V <= n; i += V) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        }
        float s = VectorMath.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
