package dev.transformers4j.simd;

import static dev.transformers4j.simd.QuantizedWeight.NR;
import static dev.transformers4j.simd.QuantizedWeight.S;
import static dev.transformers4j.simd.QuantizedWeight.V;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code y = x·Wᵀ·diag(scale) + b} for an int8 or bf16 {@link QuantizedWeight}: the weights are widened to
 * float in registers (int8: sign-extend and convert, the scale applied once per output in the epilogue; bf16: a
 * shift or a mask of the packed int), and multiplied by float activations with fused multiply-adds.
 *
 * <p>Why widen the weights rather than quantise the activations and multiply integers: the Vector API has no
 * widening integer multiply-add (x86's {@code vpmaddwd} / VNNI {@code vpdpbusd} are not reachable), so 16
 * int8·int8 products cost a widening to shorts, a multiply, two widenings to ints and two adds — more
 * instructions than the one float FMA they replace, on top of quantising each row of x. At M = 1 the product
 * is bound by reading the weights (1 byte each instead of 4), at M > 1 by the FMAs, so widening costs nothing
 * in the first case and keeps float32 speed in the second (measured: BENCHMARKS.md, "int8 and bf16 weights").
 *
 * <p>Blocking: a 6 × 2-vector tile of y in 12 registers walks the whole of k against one panel (the panel's
 * slice is L1/L2-resident while the rows of a block reuse it); single rows (decode, and the rows left over
 * below 6) use a one-row kernel with eight accumulators. Threads split the longer side of y, rows or panels.
 */
final class QuantizedLinear {

    /** Rows of the register tile. */
    static final int MR = 6;
    /** Rows per block: the panel stays in cache while they reuse it. */
    private static final int MC = 8 * MR;
    /** Below this many weight reads (rows × out × in), one thread is faster than waking another. */
    private static final long PARALLEL_MIN = 1L << 20;

    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(V * 8));
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Per thread: the sums of the last, partly filled panel of a tile. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private QuantizedLinear() {
    }

    /** {@code y[m, out] = x·Wᵀ (·scale) + bias}; x rows of stride {@code ldx}, y rows of stride {@code ldy}. */
    static void linear(WorkerPool pool, int m, float[] x, int xOff, int ldx, QuantizedWeight w,
                       float[] bias, int biasOff, float[] y, int yOff, int ldy) {
        if (m == 0 || w.panels == 0) {
            return;
        }
        int tasks = (long) m * w.out() * w.in() < PARALLEL_MIN ? 1 : pool.threads();
        if (tasks > 1 && m >= MR * tasks && m >= w.out()) {
            int rows = Sgemm.roundUp((m + tasks - 1) / tasks, MR);
            pool.run((m + rows - 1) / rows, t -> block(t * rows, Math.min(m, (t + 1) * rows), 0, w.panels,
                    x, xOff, ldx, w, bias, biasOff, y, yOff, ldy));
        } else {
            tasks = Math.min(tasks, w.panels);
            int per = (w.panels + tasks - 1) / tasks;
            pool.run((w.panels + per - 1) / per, t -> block(0, m, t * per, Math.min(w.panels, (t + 1) * per),
                    x, xOff, ldx, w, bias, biasOff, y, yOff, ldy));
        }
    }

    /** Rows {@code [r0, r1)} of y against panels {@code [p0, p1)}: blocks of MC rows, each block panel by panel. */
    private static void block(int r0, int r1, int p0, int p1, float[] x, int xOff, int ldx, QuantizedWeight w,
                              float[] bias, int biasOff, float[] y, int yOff, int ldy) {
        float[] scratch = SCRATCH.get();
        for (int rb = r0; rb < r1; rb += MC) {
            int re = Math.min(r1, rb + MC);
            for (int p = p0; p < p1; p++) {
                // a full panel is summed straight into y; the last, partly filled one into a scratch tile
                boolean full = (p + 1) * NR <= w.out();
                int col = p * NR;
                for (int r = rb; r < re; ) {
                    int h = r + MR <= re ? MR : 1;
                    float[] c = full ? y : scratch;
                    int co = full ? yOff + r * ldy + col : 0, ldc = full ? ldy : NR;
                    if (h == MR && w.int8 != null) {
                        tileInt8(w, p, x, xOff + r * ldx, ldx, c, co, ldc);
                    } else if (h == MR) {
                        tileBf16(w, p, x, xOff + r * ldx, ldx, c, co, ldc);
                    } else if (w.int8 != null) {
                        rowInt8(w, p, x, xOff + r * ldx, c, co);
                    } else {
                        rowBf16(w, p, x, xOff + r * ldx, c, co);
                    }
                    epilogue(w, p, bias, biasOff, h, c, co, ldc, y, yOff + r * ldy, ldy);
                    r += h;
                }
            }
        }
    }

    /**
     * The end of a panel's product: {@code y = sum·scale + bias} (scale 1 for bf16) over {@code h} rows of sums
     * held in {@code c} (y itself for a full panel: in place while still in L1; a scratch tile for the last panel,
     * of which only the columns below {@code out} are written to y).
     */
    private static void epilogue(QuantizedWeight w, int p, float[] bias, int biasOff, int h,
                                 float[] c, int co, int ldc, float[] y, int yo, int ldy) {
        int col = p * NR;
        if (c == y) {
            for (int half = 0; half < NR; half += V) {
                FloatVector scale = w.scales == null ? FloatVector.broadcast(S, 1f)
                        : FloatVector.fromArray(S, w.scales, col + half);
                FloatVector b = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + col + half);
                for (int r = 0; r < h; r++) {
                    int o = co + r * ldc + half;
                    FloatVector.fromArray(S, c, o).fma(scale, b).intoArray(c, o);
                }
            }
            return;
        }
        int cols = w.out() - col;
        for (int r = 0; r < h; r++) {
            for (int j = 0; j < cols; j++) {
                float sum = c[co + r * ldc + j];
                float scaled = w.scales == null ? sum : sum * w.scales[col + j];
                y[yo + r * ldy + col + j] = bias == null ? scaled : scaled + bias[biasOff + col + j];
            }
        }
    }

    /** Columns {@code 2V·p + [0, V)} of one int8 step {@code b} of the packed panel, as floats. */
    private static FloatVector int8Lo(byte[] q, int b) {
        return (FloatVector) ByteVector.fromArray(B, q, b).convertShape(VectorOperators.B2F, S, 0);
    }

    /** Columns {@code 2V·p + [V, 2V)}. */
    private static FloatVector int8Hi(byte[] q, int b) {
        return (FloatVector) ByteVector.fromArray(B, q, b + V).convertShape(VectorOperators.B2F, S, 0);
    }

    /** The low halves of the packed bf16 lanes, widened: columns {@code [0, V)} of the panel. */
    private static FloatVector bf16Lo(IntVector h) {
        return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** The high halves: columns {@code [V, 2V)}. */
    private static FloatVector bf16Hi(IntVector h) {
        return h.and(0xFFFF0000).reinterpretAsFloats();
    }

    private static void tileInt8(QuantizedWeight w, int p, float[] x, int xo, int ldx, float[] c, int co, int ldc) {
        int k = w.in();
        byte[] q = w.int8;
        int x0 = xo, x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx, x4 = x3 + ldx, x5 = x4 + ldx;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int i = 0, b = p * k * NR; i < k; i++, b += NR) {
            FloatVector b0 = int8Lo(q, b);
            FloatVector b1 = int8Hi(q, b);
            FloatVector a = FloatVector.broadcast(S, x[x0 + i]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + i]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + i]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + i]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, x[x4 + i]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, x[x5 + i]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        // spelled out: a helper taking vectors would not be inlined reliably (and would box them)
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + V);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + V);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + V);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + V);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + V);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + V);
    }

    private static void tileBf16(QuantizedWeight w, int p, float[] x, int xo, int ldx, float[] c, int co, int ldc) {
        int k = w.in();
        int[] h = w.bf16;
        int x0 = xo, x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx, x4 = x3 + ldx, x5 = x4 + ldx;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int i = 0, b = p * k * V; i < k; i++, b += V) {
            IntVector packed = IntVector.fromArray(I, h, b);
            FloatVector b0 = bf16Lo(packed);
            FloatVector b1 = bf16Hi(packed);
            FloatVector a = FloatVector.broadcast(S, x[x0 + i]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + i]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + i]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + i]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, x[x4 + i]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, x[x5 + i]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        // spelled out: a helper taking vectors would not be inlined reliably (and would box them)
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + V);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + V);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + V);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + V);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + V);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + V);
    }

    /** One row against one panel, four steps of k per iteration in eight independent accumulators. */
    private static void rowInt8(QuantizedWeight w, int p, float[] x, int xo, float[] c, int co) {
        int k = w.in();
        byte[] q = w.int8;
        int b = p * k * NR;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        int i = 0;
        for (; i + 4 <= k; i += 4, b += 4 * NR) {
            FloatVector a = FloatVector.broadcast(S, x[xo + i]);
            s0 = int8Lo(q, b).fma(a, s0); s1 = int8Hi(q, b).fma(a, s1);
            a = FloatVector.broadcast(S, x[xo + i + 1]);
            s2 = int8Lo(q, b + NR).fma(a, s2); s3 = int8Hi(q, b + NR).fma(a, s3);
            a = FloatVector.broadcast(S, x[xo + i + 2]);
            s4 = int8Lo(q, b + 2 * NR).fma(a, s4); s5 = int8Hi(q, b + 2 * NR).fma(a, s5);
            a = FloatVector.broadcast(S, x[xo + i + 3]);
            s6 = int8Lo(q, b + 3 * NR).fma(a, s6); s7 = int8Hi(q, b + 3 * NR).fma(a, s7);
        }
        for (; i < k; i++, b += NR) {
            FloatVector a = FloatVector.broadcast(S, x[xo + i]);
            s0 = int8Lo(q, b).fma(a, s0); s1 = int8Hi(q, b).fma(a, s1);
        }
        s0.add(s2).add(s4.add(s6)).intoArray(c, co);
        s1.add(s3).add(s5.add(s7)).intoArray(c, co + V);
    }

    private static void rowBf16(QuantizedWeight w, int p, float[] x, int xo, float[] c, int co) {
        int k = w.in();
        int[] h = w.bf16;
        int b = p * k * V;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        int i = 0;
        for (; i + 4 <= k; i += 4, b += 4 * V) {
            IntVector v0 = IntVector.fromArray(I, h, b), v1 = IntVector.fromArray(I, h, b + V);
            IntVector v2 = IntVector.fromArray(I, h, b + 2 * V), v3 = IntVector.fromArray(I, h, b + 3 * V);
            FloatVector a = FloatVector.broadcast(S, x[xo + i]);
            s0 = bf16Lo(v0).fma(a, s0); s1 = bf16Hi(v0).fma(a, s1);
            a = FloatVector.broadcast(S, x[xo + i + 1]);
            s2 = bf16Lo(v1).fma(a, s2); s3 = bf16Hi(v1).fma(a, s3);
            a = FloatVector.broadcast(S, x[xo + i + 2]);
            s4 = bf16Lo(v2).fma(a, s4); s5 = bf16Hi(v2).fma(a, s5);
            a = FloatVector.broadcast(S, x[xo + i + 3]);
            s6 = bf16Lo(v3).fma(a, s6); s7 = bf16Hi(v3).fma(a, s7);
        }
        for (; i < k; i++, b += V) {
            IntVector v = IntVector.fromArray(I, h, b);
            FloatVector a = FloatVector.broadcast(S, x[xo + i]);
            s0 = bf16Lo(v).fma(a, s0); s1 = bf16Hi(v).fma(a, s1);
        }
        s0.add(s2).add(s4.add(s6)).intoArray(c, co);
        s1.add(s3).add(s5.add(s7)).intoArray(c, co + V);
    }
}
