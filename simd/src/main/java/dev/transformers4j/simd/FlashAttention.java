package dev.transformers4j.simd;

import dev.transformers4j.core.AttentionOperands;
import dev.transformers4j.core.AttentionOperands.Strided;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code softmax(Q·Kᵀ·scale + mask)·V} with an online softmax (FlashAttention, Dao et al. 2022), never holding
 * more than one block of scores. A task is one (batch row, head, block of {@link #QB} query rows). Its keys are
 * taken {@link #KB} at a time: the block is transposed into a scratch ({@code kᵀ [D, KB]}) so that
 * {@code q·kᵀ} is a broadcast-and-multiply-add over whole vectors of keys, {@link #R} query rows sharing each
 * load. For every row the block's scores are scaled and masked, the running max m and sum l are updated, the
 * accumulator is rescaled by {@code exp(m_old − m_new)} and {@code Σⱼ exp(sⱼ − m_new)·vⱼ} is added to it; the
 * context row is the accumulator divided by l. Blocks that the causal or sliding-window mask hides entirely are
 * skipped. The scratch is per thread and allocated once: a steady-state call allocates nothing.
 */
final class FlashAttention {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Keys per block (a multiple of every vector length). */
    static final int KB = 128;
    /** Query rows per task. */
    static final int QB = 32;
    /** Query rows computed together against one block of keys. */
    static final int R = 4;
    /** Below this many multiply-adds the work stays on the calling thread (batch-1 decoding, short inputs). */
    static final long PARALLEL_MIN_FMAS = 1L << 19;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's working memory: a block of keys transposed, R rows of scores, and every row's running state. */
    private static final class Scratch {
        float[] keysT = new float[0];       // [D, KB]
        float[] scores = new float[R * KB]; // [R, KB]
        float[] acc = new float[0];         // [QB, D]
        float[] max = new float[QB];
        float[] sum = new float[QB];
        float[] correction = new float[R];  // exp(m_old − m_new) of the rows being updated

        Scratch fit(int d) {
            if (keysT.length < d * KB) {
                keysT = new float[d * KB];
                acc = new float[QB * d];
            }
            return this;
        }
    }

    private FlashAttention() {
    }

    /** Runs every (batch row, head, query block) task, on the pool's threads when there is enough work. */
    static void run(WorkerPool pool, AttentionOperands a) {
        int blocks = (a.queries() + QB - 1) / QB;
        int tasks = a.batch() * a.heads() * blocks;
        long fmas = 2L * a.batch() * a.heads() * a.queries() * a.keys() * a.headSize();
        int threads = fmas < PARALLEL_MIN_FMAS ? 1 : Math.min(tasks, pool.threads());
        int perThread = (tasks + threads - 1) / threads;
        pool.run(threads, t -> {
            Scratch scratch = SCRATCH.get().fit(a.headSize());
            for (int task = t * perThread; task < Math.min(tasks, (t + 1) * perThread); task++) {
                int bh = task / blocks;
                int i0 = task % blocks * QB;
                queryBlock(a, bh / a.heads(), bh % a.heads(), i0, Math.min(a.queries(), i0 + QB), scratch);
            }
        });
    }

    /** Query rows {@code [i0, i1)} of batch row b, head h. */
    private static void queryBlock(AttentionOperands a, int b, int h, int i0, int i1, Scratch sc) {
        int rows = i1 - i0, d = a.headSize();
        Arrays.fill(sc.max, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(sc.sum, 0, rows, 0f);
        Arrays.fill(sc.acc, 0, rows * d, 0f);
        int end = a.endKey(i1 - 1);
        for (int j0 = a.firstKey(i0); j0 < end; j0 += KB) {
            int n = Math.min(KB, end - j0);
            transposeKeys(a.k(), b, h, j0, n, d, sc.keysT);
            for (int r0 = 0; r0 < rows; r0 += R) {
                int rr = Math.min(R, rows - r0);
                if (j0 >= a.endKey(i0 + r0 + rr - 1) || j0 + n <= a.firstKey(i0 + r0)) {
                    continue;                                   // the causal or sliding window hides this block
                }
                scores(a.q(), b, h, i0 + r0, rr, d, sc.keysT, roundUp(n), sc.scores);
                for (int r = 0; r < rr; r++) {
                    sc.correction[r] = update(a, b, h, i0 + r0 + r, j0, n, sc.scores, r * KB, sc, r0 + r);
                }
                if (rr == R) {
                    accumulate4(a.v(), b, h, j0, n, sc.scores, sc.correction, sc.acc, r0 * d, d);
                } else {
                    for (int r = 0; r < rr; r++) {
                        accumulate(a.v(), b, h, j0, n, sc.scores, r * KB, sc.correction[r], sc.acc, (r0 + r) * d, d);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            finish(a, b, h, i0 + r, sc, r);
        }
    }

    /** {@code keysT[c, jj] = K[j0 + jj, c]} for the n keys of the block; columns up to a whole vector are 0. */
    private static void transposeKeys(Strided k, int b, int h, int j0, int n, int d, float[] keysT) {
        float[] kd = k.data();
        for (int jj = 0; jj < n; jj++) {
            int kj = k.at(b, h, j0 + jj);
            for (int c = 0; c < d; c++) {
                keysT[c * KB + jj] = kd[kj + c];
            }
        }
        for (int c = 0; c < d; c++) {
            Arrays.fill(keysT, c * KB + n, c * KB + roundUp(n), 0f);
        }
    }

    /** {@code scores[r, jj] = q_{i+r}·k_jj} for rr rows and {@code width} (a multiple of V) keys. */
    private static void scores(Strided q, int b, int h, int i, int rr, int d, float[] keysT, int width,
                               float[] scores) {
        float[] qd = q.data();
        if (rr == R) {
            int q0 = q.at(b, h, i), q1 = q.at(b, h, i + 1), q2 = q.at(b, h, i + 2), q3 = q.at(b, h, i + 3);
            int jv = 0;
            for (; jv + 2 * V <= width; jv += 2 * V) {          // eight independent sums hide the fma latency
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
                for (int c = 0; c < d; c++) {
                    FloatVector kv = FloatVector.fromArray(S, keysT, c * KB + jv);
                    FloatVector kw = FloatVector.fromArray(S, keysT, c * KB + jv + V);
                    FloatVector b0 = FloatVector.broadcast(S, qd[q0 + c]), b1 = FloatVector.broadcast(S, qd[q1 + c]);
                    FloatVector b2 = FloatVector.broadcast(S, qd[q2 + c]), b3 = FloatVector.broadcast(S, qd[q3 + c]);
                    s0 = kv.fma(b0, s0);
                    s1 = kv.fma(b1, s1);
                    s2 = kv.fma(b2, s2);
                    s3 = kv.fma(b3, s3);
                    t0 = kw.fma(b0, t0);
                    t1 = kw.fma(b1, t1);
                    t2 = kw.fma(b2, t2);
                    t3 = kw.fma(b3, t3);
                }
                s0.intoArray(scores, jv);
                s1.intoArray(scores, KB + jv);
                s2.intoArray(scores, 2 * KB + jv);
                s3.intoArray(scores, 3 * KB + jv);
                t0.intoArray(scores, jv + V);
                t1.intoArray(scores, KB + jv + V);
                t2.intoArray(scores, 2 * KB + jv + V);
                t3.intoArray(scores, 3 * KB + jv + V);
            }
            for (; jv < width; jv += V) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int c = 0; c < d; c++) {
                    FloatVector kv = FloatVector.fromArray(S, keysT, c * KB + jv);
                    s0 = kv.fma(FloatVector.broadcast(S, qd[q0 + c]), s0);
                    s1 = kv.fma(FloatVector.broadcast(S, qd[q1 + c]), s1);
                    s2 = kv.fma(FloatVector.broadcast(S, qd[q2 + c]), s2);
                    s3 = kv.fma(FloatVector.broadcast(S, qd[q3 + c]), s3);
                }
                s0.intoArray(scores, jv);
                s1.intoArray(scores, KB + jv);
                s2.intoArray(scores, 2 * KB + jv);
                s3.intoArray(scores, 3 * KB + jv);
            }
            return;
        }
        for (int r = 0; r < rr; r++) {
            int qi = q.at(b, h, i + r);
            for (int jv = 0; jv < width; jv += V) {
                FloatVector s0 = FloatVector.zero(S);
                for (int c = 0; c < d; c++) {
                    s0 = FloatVector.fromArray(S, keysT, c * KB + jv).fma(FloatVector.broadcast(S, qd[qi + c]), s0);
                }
                s0.intoArray(scores, r * KB + jv);
            }
        }
    }

    /**
     * One query row i against the block's n keys from j0 (its raw scores at {@code s[so, so + KB)}): scale, mask,
     * then the online-softmax step on the row's max and sum. Leaves {@code exp(s − m_new)} (0 for a hidden key)
     * in the scores and returns the factor {@code exp(m_old − m_new)} the row's accumulator is to be rescaled by.
     */
    private static float update(AttentionOperands a, int b, int h, int i, int j0, int n, float[] s, int so,
                               Scratch sc, int row) {
        int width = roundUp(n);
        float scale = a.scale();
        for (int jv = 0; jv < width; jv += V) {
            FloatVector.fromArray(S, s, so + jv).mul(scale).intoArray(s, so + jv);
        }
        Strided mask = a.mask();
        if (mask != null) {
            addMask(mask.data(), mask.at(b, h, i) + j0 * mask.colStride(), mask.colStride(), s, so, n);
        }
        int lo = Math.max(0, a.firstKey(i) - j0), hi = Math.min(n, a.endKey(i) - j0);
        Arrays.fill(s, so, so + Math.min(lo, width), Float.NEGATIVE_INFINITY);
        Arrays.fill(s, so + Math.max(hi, 0), so + width, Float.NEGATIVE_INFINITY);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int jv = 0; jv < width; jv += V) {
            vmax = vmax.max(FloatVector.fromArray(S, s, so + jv));
        }
        float old = sc.max[row];
        float max = Math.max(old, vmax.reduceLanes(VectorOperators.MAX));
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(s, so, so + width, 0f);                 // nothing visible to this row yet
            return 1f;
        }
        float correction = old == max ? 1f : old == Float.NEGATIVE_INFINITY ? 0f : (float) StrictMath.exp(old - max);
        float blockSum = VectorMath.expShifted(s, so, width, max);   // s = exp(s − max), hidden keys 0
        sc.max[row] = max;
        sc.sum[row] = sc.sum[row] * correction + blockSum;
        return correction;
    }

    /** {@code s[so + jj] += mask[m + jj·stride]} for n keys. */
    private static void addMask(float[] md, int m, int stride, float[] s, int so, int n) {
        if (stride == 1) {
            int bound = S.loopBound(n);
            for (int jj = 0; jj < bound; jj += V) {
                FloatVector.fromArray(S, s, so + jj).add(FloatVector.fromArray(S, md, m + jj)).intoArray(s, so + jj);
            }
            for (int jj = bound; jj < n; jj++) {
                s[so + jj] += md[m + jj];
            }
        } else {
            for (int jj = 0; jj < n; jj++) {
                s[so + jj] += md[m + jj * stride];
            }
        }
    }

    /**
     * {@code acc = acc·correction + Σ_{jj < n} p[jj]·V[j0 + jj]} over the D columns, a vector of the accumulator
     * held in a register across the keys.
     */
    private static void accumulate(Strided v, int b, int h, int j0, int n, float[] p, int po, float correction,
                                   float[] acc, int ao, int d) {
        float[] vd = v.data();
        int v0 = v.at(b, h, j0), vs = v.rowStride();
        int bound = S.loopBound(d);
        for (int c = 0; c < bound; c += V) {
            FloatVector av = FloatVector.fromArray(S, acc, ao + c).mul(correction);
            for (int jj = 0; jj < n; jj++) {
                av = FloatVector.fromArray(S, vd, v0 + jj * vs + c).fma(FloatVector.broadcast(S, p[po + jj]), av);
            }
            av.intoArray(acc, ao + c);
        }
        accumulateTail(vd, v0, vs, n, p, po, correction, acc, ao, bound, d);
    }

    /** The columns {@code [from, d)} of {@link #accumulate}, one at a time. */
    private static void accumulateTail(float[] vd, int v0, int vs, int n, float[] p, int po, float correction,
                                       float[] acc, int ao, int from, int d) {
        for (int c = from; c < d; c++) {
            float x = acc[ao + c] * correction;
            for (int jj = 0; jj < n; jj++) {
                x += p[po + jj] * vd[v0 + jj * vs + c];
            }
            acc[ao + c] = x;
        }
    }

    /**
     * {@link #accumulate} for R = 4 rows at once (their probabilities at {@code p[r·KB + jj]}, accumulators from
     * {@code acc[ao]}, D apart): each load of a value row serves the four rows, whose four sums run independently.
     */
    private static void accumulate4(Strided v, int b, int h, int j0, int n, float[] p, float[] correction,
                                    float[] acc, int ao, int d) {
        float[] vd = v.data();
        int v0 = v.at(b, h, j0), vs = v.rowStride();
        int bound = S.loopBound(d);
        int c = 0;
        for (; c + 2 * V <= bound; c += 2 * V) {             // two vectors of columns: eight independent sums
            FloatVector a0 = FloatVector.fromArray(S, acc, ao + c).mul(correction[0]);
            FloatVector a1 = FloatVector.fromArray(S, acc, ao + d + c).mul(correction[1]);
            FloatVector a2 = FloatVector.fromArray(S, acc, ao + 2 * d + c).mul(correction[2]);
            FloatVector a3 = FloatVector.fromArray(S, acc, ao + 3 * d + c).mul(correction[3]);
            FloatVector e0 = FloatVector.fromArray(S, acc, ao + c + V).mul(correction[0]);
            FloatVector e1 = FloatVector.fromArray(S, acc, ao + d + c + V).mul(correction[1]);
            FloatVector e2 = FloatVector.fromArray(S, acc, ao + 2 * d + c + V).mul(correction[2]);
            FloatVector e3 = FloatVector.fromArray(S, acc, ao + 3 * d + c + V).mul(correction[3]);
            for (int jj = 0; jj < n; jj++) {
                FloatVector vv = FloatVector.fromArray(S, vd, v0 + jj * vs + c);
                FloatVector vw = FloatVector.fromArray(S, vd, v0 + jj * vs + c + V);
                FloatVector p0 = FloatVector.broadcast(S, p[jj]);
                FloatVector p1 = FloatVector.broadcast(S, p[KB + jj]);
                FloatVector p2 = FloatVector.broadcast(S, p[2 * KB + jj]);
                FloatVector p3 = FloatVector.broadcast(S, p[3 * KB + jj]);
                a0 = vv.fma(p0, a0);
                a1 = vv.fma(p1, a1);
                a2 = vv.fma(p2, a2);
                a3 = vv.fma(p3, a3);
                e0 = vw.fma(p0, e0);
                e1 = vw.fma(p1, e1);
                e2 = vw.fma(p2, e2);
                e3 = vw.fma(p3, e3);
            }
            a0.intoArray(acc, ao + c);
            a1.intoArray(acc, ao + d + c);
            a2.intoArray(acc, ao + 2 * d + c);
            a3.intoArray(acc, ao + 3 * d + c);
            e0.intoArray(acc, ao + c + V);
            e1.intoArray(acc, ao + d + c + V);
            e2.intoArray(acc, ao + 2 * d + c + V);
            e3.intoArray(acc, ao + 3 * d + c + V);
        }
        for (; c < bound; c += V) {
            FloatVector a0 = FloatVector.fromArray(S, acc, ao + c).mul(correction[0]);
            FloatVector a1 = FloatVector.fromArray(S, acc, ao + d + c).mul(correction[1]);
            FloatVector a2 = FloatVector.fromArray(S, acc, ao + 2 * d + c).mul(correction[2]);
            FloatVector a3 = FloatVector.fromArray(S, acc, ao + 3 * d + c).mul(correction[3]);
            for (int jj = 0; jj < n; jj++) {
                FloatVector vv = FloatVector.fromArray(S, vd, v0 + jj * vs + c);
                a0 = vv.fma(FloatVector.broadcast(S, p[jj]), a0);
                a1 = vv.fma(FloatVector.broadcast(S, p[KB + jj]), a1);
                a2 = vv.fma(FloatVector.broadcast(S, p[2 * KB + jj]), a2);
                a3 = vv.fma(FloatVector.broadcast(S, p[3 * KB + jj]), a3);
            }
            a0.intoArray(acc, ao + c);
            a1.intoArray(acc, ao + d + c);
            a2.intoArray(acc, ao + 2 * d + c);
            a3.intoArray(acc, ao + 3 * d + c);
        }
        if (bound < d) {
            for (int r = 0; r < R; r++) {
                accumulateTail(vd, v0, vs, n, p, r * KB, correction[r], acc, ao + r * d, bound, d);
            }
        }
    }

    /** Writes context row i: the accumulator over the sum, or the mean of all values when nothing was visible. */
    private static void finish(AttentionOperands a, int b, int h, int i, Scratch sc, int row) {
        int d = a.headSize();
        Strided out = a.context();
        float[] od = out.data();
        int o = out.at(b, h, i);
        if (sc.max[row] == Float.NEGATIVE_INFINITY) {
            // every score −∞: the eager softmax makes the row uniform, 1/S on every key
            Arrays.fill(od, o, o + d, 0f);
            float p = 1f / a.keys();
            Strided v = a.v();
            for (int j = 0; j < a.keys(); j++) {
                int vj = v.at(b, h, j);
                for (int c = 0; c < d; c++) {
                    od[o + c] += p * v.data()[vj + c];
                }
            }
            return;
        }
        float inv = 1f / sc.sum[row];
        int ao = row * d, bound = S.loopBound(d);
        for (int c = 0; c < bound; c += V) {
            FloatVector.fromArray(S, sc.acc, ao + c).mul(inv).intoArray(od, o + c);
        }
        for (int c = bound; c < d; c++) {
            od[o + c] = sc.acc[ao + c] * inv;
        }
    }

    private static int roundUp(int n) {
        return (n + V - 1) / V * V;
    }
}
