package dev.transformers4j.simd;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.WeightDType;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Each method runs the SIMD main loop over whole vectors of
 * {@link FloatVector#SPECIES_PREFERRED} and finishes the tail with the scalar code of
 * {@link ReferenceKernels}; matrix multiplication goes to the packed {@link Sgemm} (or the streaming
 * {@link Gemv} for a single row) and uses up to {@code threads} threads.
 */
public final class VectorKernels extends ReferenceKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Products this small are faster as the plain loops. */
    private static final long TINY_FMAS = 1024;
    /** Below this many elements an element-wise kernel runs on the calling thread alone. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 15;

    private final WorkerPool pool;

    /** Kernels using up to {@code threads} threads (≥ 1) for the large operations. */
    public VectorKernels(int threads) {
        this.pool = new WorkerPool(threads);
    }

    @Override
    public String name() {
        return Backend.VECTOR;
    }

    /** The number of threads the large operations use. */
    public int threads() {
        return pool.threads();
    }

    @Override
    public void matmul(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        if ((long) m * n * k <= TINY_FMAS) {
            super.matmul(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        } else if (m == 1) {
            Gemv.matmul(pool, n, k, a, aOff, b, bOff, ldb, transB, c, cOff, accumulate);
        } else {
            Sgemm.matmul(pool, m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        }
    }

    /** int8 and bf16: {@link QuantizedWeight}, multiplied by {@link QuantizedLinear}; float32 below. */
    @Override
    public PreparedWeight prepareWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        if (dtype != WeightDType.FLOAT32) {
            return QuantizedWeight.prepare(w, off, ldw, out, in, inOut, dtype);
        }
        return super.prepareWeight(w, off, ldw, out, in, inOut, dtype);
    }

    @Override
    public void linear(int m, float[] x, int xOff, int ldx, PreparedWeight w, float[] bias, int biasOff,
                       FusedActivation act, float[] y, int yOff, int ldy) {
        if (w instanceof QuantizedWeight q) {
            QuantizedLinear.linear(pool, m, x, xOff, ldx, q, bias, biasOff, y, yOff, ldy);
            if (ldy == q.out()) {
                activate(act, y, yOff, m * ldy);
            } else {
                for (int r = 0; r < m; r++) {
                    activate(act, y, yOff + r * ldy, q.out());
                }
            }
            return;
        }
        super.linear(m, x, xOff, ldx, w, bias, biasOff, act, y, yOff, ldy);
    }

    /** The batch (the heads of attention) is split over the threads; each product runs single-threaded. */
    @Override
    public void matmulBatched(int batch, int m, int n, int k, float[] a, int[] aOffs, int lda,
                              float[] b, int[] bOffs, int ldb, boolean transB, float[] c, int[] cOffs, int ldc) {
        int tasks = Math.min(batch, pool.threads());
        if ((long) batch * m * n * k < Sgemm.PARALLEL_MIN_FMAS) {
            tasks = 1;
        }
        if (tasks <= 1 || batch < 2 * pool.threads() && (long) m * n * k >= 64 * Sgemm.PARALLEL_MIN_FMAS) {
            super.matmulBatched(batch, m, n, k, a, aOffs, lda, b, bOffs, ldb, transB, c, cOffs, ldc);
            return;
        }
        int perTask = (batch + tasks - 1) / tasks;
        pool.run(tasks, t -> {
            for (int i = t * perTask; i < Math.min(batch, (t + 1) * perTask); i++) {
                if ((long) m * n * k <= TINY_FMAS) {
                    super.matmul(m, n, k, a, aOffs[i], lda, b, bOffs[i], ldb, transB, c, cOffs[i], ldc, false);
                } else {
                    Sgemm.gemm(m, n, k, a, aOffs[i], lda, b, bOffs[i], ldb, transB, c, cOffs[i], ldc, false);
                }
            }
        });
    }

    /**
     * Three passes per row (max, exp and sum, scale); an all-masked row becomes uniform like the reference.
     * Enough rows (a language-model head's logits) are split over the threads.
     */
    @Override
    public void softmaxRows(float[] x, int off, int rows, int cols) {
        int tasks = rows < 2 || (long) rows * cols < PARALLEL_MIN_ELEMENTS ? 1 : Math.min(rows, pool.threads());
        int perTask = (rows + tasks - 1) / tasks;
        pool.run(tasks, t -> {
            for (int r = t * perTask; r < Math.min(rows, (t + 1) * perTask); r++) {
                softmaxRow(x, off + r * cols, cols);
            }
        });
    }

    private void softmaxRow(float[] x, int o, int cols) {
        int bound = S.loopBound(cols);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < bound; j += V) {
            vmax = vmax.max(FloatVector.fromArray(S, x, o + j));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (int j = bound; j < cols; j++) {
            max = Math.max(max, x[o + j]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(x, o, o + cols, 1f / cols);
            return;
        }
        float sum = VectorMath.expShifted(x, o, bound, max);
        for (int j = bound; j < cols; j++) {
            x[o + j] = (float) Math.exp(x[o + j] - max);
            sum += x[o + j];
        }
        scale(x, o, cols, 1f / sum);
    }

    /** Two passes for mean and variance (as the reference), a third writes {@code (x − mean)·inv·γ + β}. */
    @Override
    public void layerNorm(float[] x, int xOff, float[] y, int yOff, int rows, int cols,
                          float[] gamma, float[] beta, float eps) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            FloatVector vsum = FloatVector.zero(S);
            for (int j = 0; j < bound; j += V) {
                vsum = vsum.add(FloatVector.fromArray(S, x, xo + j));
            }
            float sum = vsum.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < cols; j++) {
                sum += x[xo + j];
            }
            float mean = sum / cols;
            FloatVector vvar = FloatVector.zero(S);
            for (int j = 0; j < bound; j += V) {
                FloatVector d = FloatVector.fromArray(S, x, xo + j).sub(mean);
                vvar = d.fma(d, vvar);
            }
            float var = vvar.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < cols; j++) {
                float d = x[xo + j] - mean;
                var += d * d;
            }
            float inv = (float) (1.0 / Math.sqrt(var / cols + eps));
            for (int j = 0; j < bound; j += V) {
                FloatVector g = FloatVector.fromArray(S, gamma, j).mul(inv);
                FloatVector.fromArray(S, x, xo + j).sub(mean).fma(g, FloatVector.fromArray(S, beta, j))
                        .intoArray(y, yo + j);
            }
            for (int j = bound; j < cols; j++) {
                y[yo + j] = (x[xo + j] - mean) * inv * gamma[j] + beta[j];
            }
        }
    }

    @Override
    public void matmulTransA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        if ((long) m * n * k <= TINY_FMAS) {
            super.matmulTransA(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            Sgemm.matmul(pool, m, n, k, a, aOff, lda, true, b, bOff, ldb, false, c, cOff, ldc, accumulate);
        }
    }

    @Override
    public void geluErf(float[] x, int off, int n) {
        inChunks(n, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluErf(x, off + o, bound);
            super.geluErf(x, off + o + bound, len - bound);
        });
    }

    @Override
    public void geluTanh(float[] x, int off, int n) {
        inChunks(n, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluTanh(x, off + o, bound);
            super.geluTanh(x, off + o + bound, len - bound);
        });
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        inChunks(n, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluErfBackward(x, xOff + o, g, gOff + o, bound);
            super.geluErfBackward(x, xOff + o + bound, g, gOff + o + bound, len - bound);
        });
    }

    @Override
    public void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        inChunks(n, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluTanhBackward(x, xOff + o, g, gOff + o, bound);
            super.geluTanhBackward(x, xOff + o + bound, g, gOff + o + bound, len - bound);
        });
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += V) {
            FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        super.mul(a, aOff + bound, b, bOff + bound, out, outOff + bound, n - bound);
    }

    /** A range {@code [off, off + len)} of an element-wise operation. */
    @FunctionalInterface
    private interface Range {
        void run(int off, int len);
    }

    /** Splits {@code n} elements over the threads in vector-aligned chunks when there are enough of them. */
    private void inChunks(int n, Range body) {
        int tasks = n < PARALLEL_MIN_ELEMENTS ? 1 : pool.threads();
        if (tasks == 1) {
            body.run(0, n);
            return;
        }
        int chunk = (n / tasks + V - 1) / V * V;
        pool.run(tasks, t -> body.run(Math.min(n, t * chunk), Math.max(0, Math.min(chunk, n - t * chunk))));
    }

    @Override
    public void addInPlace(float[] y, int yOff, float[] x, int xOff, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += V) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        super.addInPlace(y, yOff + bound, x, xOff + bound, n - bound);
    }

    @Override
    public void addRowVector(float[] x, int off, int rows, int cols, float[] bias, int biasOff) {
        for (int r = 0; r < rows; r++) {
            addInPlace(x, off + r * cols, bias, biasOff, cols);
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += V) {
            FloatVector.fromArray(S, x, off + i).mul(s).intoArray(x, off + i);
        }
        super.scale(x, off + bound, n - bound, s);
    }

    /** Four independent accumulators hide the latency of the fused multiply-add. */
    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return Gemv.dot(a, aOff, b, bOff, n);
    }
}
