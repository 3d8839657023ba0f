package dev.transformers4j.simd;

import dev.transformers4j.core.AttentionOperands;
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
    /**
     * Below this many elements a kernel with an exponential per element (GELU, softmax) runs on the calling thread
     * alone, and below {@link #STREAMING_PARALLEL_MIN} one that streams through memory (bias and residual adds,
     * scale, mul, LayerNorm): handing half the work to another thread costs more than it saves below these sizes
     * (measured with {@code t4j bench elementwise --sweep}; BENCHMARKS.md has the figures).
     */
    private static final int TRANSCENDENTAL_PARALLEL_MIN = 1 << 15;
    private static final int STREAMING_PARALLEL_MIN = 1 << 17;

    /** The calling thread alone: for the products each task of a batch runs. */
    private static final WorkerPool SERIAL = new WorkerPool(1);

    private final WorkerPool pool;
    private final int transcendentalParallelMin;
    private final int streamingParallelMin;

    /** Kernels using up to {@code threads} threads (≥ 1) for the large operations. */
    public VectorKernels(int threads) {
        this.pool = new WorkerPool(threads);
        this.transcendentalParallelMin = TRANSCENDENTAL_PARALLEL_MIN;
        this.streamingParallelMin = STREAMING_PARALLEL_MIN;
    }

    /**
     * Kernels using up to {@code threads} threads whose element-wise kernels split their work over them from
     * {@code parallelMinElements} elements on (instead of the measured defaults): for measuring the crossover.
     */
    public VectorKernels(int threads, int parallelMinElements) {
        if (parallelMinElements < 0) {
            throw new IllegalArgumentException("parallelMinElements: expected at least 0 but was " + parallelMinElements);
        }
        this.pool = new WorkerPool(threads);
        this.transcendentalParallelMin = parallelMinElements;
        this.streamingParallelMin = parallelMinElements;
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

    /**
     * float32: the weight packed once into the GEMM's panels ({@link PackedWeight}, a copy as large as the weight).
     * int8 and bf16: {@link QuantizedWeight}, multiplied by {@link QuantizedLinear}.
     */
    @Override
    public PreparedWeight prepareWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        if (dtype != WeightDType.FLOAT32) {
            return QuantizedWeight.prepare(w, off, ldw, out, in, inOut, dtype);
        }
        return PackedWeight.pack(w, off, ldw, out, in, inOut);
    }

    /**
     * A packed float32 weight: the blocked product without packing B ({@link PackedLinear}), or the panel-streaming
     * {@link Gemv#packed} for a single row, with the bias and activation in the epilogue. An int8 / bf16 weight:
     * {@link QuantizedLinear} (bias applied with the scale), then the activation.
     */
    @Override
    public void linear(int m, float[] x, int xOff, int ldx, PreparedWeight w, float[] bias, int biasOff,
                       FusedActivation act, float[] y, int yOff, int ldy) {
        if (w instanceof QuantizedWeight q) {
            QuantizedLinear.linear(pool, m, x, xOff, ldx, q, bias, biasOff, y, yOff, ldy);
            finishRows(m, q.out(), null, 0, act, y, yOff, ldy);     // the bias went in with the scale
            return;
        }
        if (!(w instanceof PackedWeight packed)) {
            super.linear(m, x, xOff, ldx, w, bias, biasOff, act, y, yOff, ldy);
            return;
        }
        Epilogue epilogue = Epilogue.of(this, bias, biasOff, act);
        if (m == 1) {
            Gemv.packed(pool, x, xOff, packed, y, yOff, epilogue);
        } else if (m > 1) {
            PackedLinear.run(pool, m, x, xOff, ldx, packed, y, yOff, ldy, epilogue);
        }
    }

    /** {@code act} in place over {@code y[off, off + n)} on the calling thread: the element-wise routines below. */
    void activateRun(FusedActivation act, float[] y, int off, int n) {
        int bound = S.loopBound(n);
        switch (act) {
            case NONE -> { }
            case GELU_ERF -> {
                VectorMath.geluErf(y, off, bound);
                super.geluErf(y, off + bound, n - bound);
            }
            case GELU_TANH -> {
                VectorMath.geluTanh(y, off, bound);
                super.geluTanh(y, off + bound, n - bound);
            }
            case RELU -> {
                for (int i = off; i < off + bound; i += V) {
                    FloatVector.fromArray(S, y, i).max(0f).intoArray(y, i);
                }
                super.activate(act, y, off + bound, n - bound);
            }
        }
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
                // the same routine matmul picks (so the bits do not depend on the thread count), on this thread
                if ((long) m * n * k <= TINY_FMAS) {
                    super.matmul(m, n, k, a, aOffs[i], lda, b, bOffs[i], ldb, transB, c, cOffs[i], ldc, false);
                } else if (m == 1) {
                    Gemv.matmul(SERIAL, n, k, a, aOffs[i], b, bOffs[i], ldb, transB, c, cOffs[i], false);
                } else {
                    Sgemm.gemm(m, n, k, a, aOffs[i], lda, b, bOffs[i], ldb, transB, c, cOffs[i], ldc, false);
                }
            }
        });
    }

    /** Online-softmax attention over blocks of keys, split by (batch row, head, query rows): {@link FlashAttention}. */
    @Override
    public void attention(AttentionOperands a) {
        FlashAttention.run(pool, a);
    }

    /**
     * Three passes per row (max, exp and sum, scale); an all-masked row becomes uniform like the reference.
     * Enough rows (attention scores, a language-model head's logits) are split over the threads.
     */
    @Override
    public void softmaxRows(float[] x, int off, int rows, int cols) {
        inRows(rows, cols, transcendentalParallelMin, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
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
        float max = vmax.reduceLanes(VectorOperators.MAX);   // exact in any order, unlike a sum
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
        scaleHere(x, o, cols, 1f / sum);
    }

    /**
     * Two passes for mean and variance (as the reference), a third writes {@code (x − mean)·inv·γ + β}; enough
     * rows are split over the threads.
     */
    @Override
    public void layerNorm(float[] x, int xOff, float[] y, int yOff, int rows, int cols,
                          float[] gamma, float[] beta, float eps) {
        inRows(rows, cols, streamingParallelMin, (r0, r1) -> layerNormRows(x, xOff, y, yOff, r0, r1, cols, gamma, beta, eps));
    }

    private static void layerNormRows(float[] x, int xOff, float[] y, int yOff, int r0, int r1, int cols,
                                      float[] gamma, float[] beta, float eps) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            FloatVector vsum = FloatVector.zero(S);
            for (int j = 0; j < bound; j += V) {
                vsum = vsum.add(FloatVector.fromArray(S, x, xo + j));
            }
            float sum = VectorMath.sum(vsum);
            for (int j = bound; j < cols; j++) {
                sum += x[xo + j];
            }
            float mean = sum / cols;
            FloatVector vvar = FloatVector.zero(S);
            for (int j = 0; j < bound; j += V) {
                FloatVector d = FloatVector.fromArray(S, x, xo + j).sub(mean);
                vvar = d.fma(d, vvar);
            }
            float var = VectorMath.sum(vvar);
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
        inChunks(n, transcendentalParallelMin, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluErf(x, off + o, bound);
            super.geluErf(x, off + o + bound, len - bound);
        });
    }

    @Override
    public void geluTanh(float[] x, int off, int n) {
        inChunks(n, transcendentalParallelMin, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluTanh(x, off + o, bound);
            super.geluTanh(x, off + o + bound, len - bound);
        });
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        inChunks(n, transcendentalParallelMin, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluErfBackward(x, xOff + o, g, gOff + o, bound);
            super.geluErfBackward(x, xOff + o + bound, g, gOff + o + bound, len - bound);
        });
    }

    @Override
    public void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        inChunks(n, transcendentalParallelMin, (o, len) -> {
            int bound = S.loopBound(len);
            VectorMath.geluTanhBackward(x, xOff + o, g, gOff + o, bound);
            super.geluTanhBackward(x, xOff + o + bound, g, gOff + o + bound, len - bound);
        });
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        inChunks(n, streamingParallelMin, (o, len) -> {
            int bound = S.loopBound(len);
            for (int i = o; i < o + bound; i += V) {
                FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i))
                        .intoArray(out, outOff + i);
            }
            super.mul(a, aOff + o + bound, b, bOff + o + bound, out, outOff + o + bound, len - bound);
        });
    }

    /** The draws are counter-based, so each thread's chunk computes its own part of the mask. */
    @Override
    public void dropout(float[] x, int xOff, float[] y, int yOff, int n, double p, long seed, long first) {
        int dropBelow = dropoutThreshold(p);
        float scale = dropoutScale(p);
        inChunks(n, streamingParallelMin, (o, len) -> {
            int done = VectorDropout.apply(x, xOff + o, y, yOff + o, len, dropBelow, scale, seed, first + o);
            super.dropout(x, xOff + o + done, y, yOff + o + done, len - done, p, seed, first + o + done);
        });
    }

    /** A range {@code [off, off + len)} of an element-wise operation. */
    @FunctionalInterface
    private interface Range {
        void run(int off, int len);
    }

    /**
     * Splits {@code n} elements over the threads in vector-aligned chunks when there are at least {@code min}
     * (and more than a vector per thread); each element is computed the same way whichever chunk it falls in.
     */
    private void inChunks(int n, int min, Range body) {
        int tasks = n < min || n < 2 * V ? 1 : pool.threads();
        if (tasks == 1) {
            body.run(0, n);
            return;
        }
        int chunk = (n / tasks + V - 1) / V * V;
        pool.run(tasks, t -> body.run(Math.min(n, t * chunk), Math.max(0, Math.min(chunk, n - t * chunk))));
    }

    /** Splits {@code rows} rows of {@code cols} over the threads, as {@code [r0, r1)} ranges, when there are at least {@code min} elements. */
    private void inRows(int rows, int cols, int min, Range body) {
        int tasks = rows < 2 || (long) rows * cols < min ? 1 : Math.min(rows, pool.threads());
        if (tasks == 1) {
            body.run(0, rows);
            return;
        }
        int perTask = (rows + tasks - 1) / tasks;
        pool.run(tasks, t -> body.run(Math.min(rows, t * perTask), Math.min(rows, (t + 1) * perTask)));
    }

    @Override
    public void addInPlace(float[] y, int yOff, float[] x, int xOff, int n) {
        inChunks(n, streamingParallelMin, (o, len) -> addHere(y, yOff + o, x, xOff + o, len));
    }

    /** {@code y[i] += x[i]} on this thread (also the bias of a GEMM epilogue, which runs inside a task already). */
    void addHere(float[] y, int yOff, float[] x, int xOff, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += V) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        super.addInPlace(y, yOff + bound, x, xOff + bound, n - bound);
    }

    @Override
    public void addRowVector(float[] x, int off, int rows, int cols, float[] bias, int biasOff) {
        inRows(rows, cols, streamingParallelMin, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                addHere(x, off + r * cols, bias, biasOff, cols);
            }
        });
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        inChunks(n, streamingParallelMin, (o, len) -> scaleHere(x, off + o, len, s));
    }

    /** {@code x[i] *= s} on this thread. */
    private void scaleHere(float[] x, int off, int n, float s) {
        int bound = S.loopBound(n);
        for (int i = off; i < off + bound; i += V) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        super.scale(x, off + bound, n - bound, s);
    }

    /** Four independent accumulators hide the latency of the fused multiply-add. */
    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return Gemv.dot(a, aOff, b, bOff, n);
    }
}
