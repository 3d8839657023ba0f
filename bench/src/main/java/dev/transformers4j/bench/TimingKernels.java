package dev.transformers4j.bench;

import dev.transformers4j.core.AttentionOperands;
import dev.transformers4j.core.FusedActivation;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.PreparedWeight;
import dev.transformers4j.core.WeightDType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Kernels} that forwards every call to another backend and adds up the wall time per operation
 * (matrix products per shape), to show where a forward pass spends its time. Calls a backend makes to
 * itself are not seen, so nothing is counted twice.
 */
final class TimingKernels implements Kernels {

    /** Calls and total nanoseconds of one operation. */
    static final class Tally {
        long calls;
        long nanos;
        double flops;
    }

    private final Kernels inner;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    TimingKernels(Kernels inner) {
        this.inner = inner;
    }

    /** What was measured since the last {@link #reset()}, by operation, in order of first use. */
    Map<String, Tally> tallies() {
        return tallies;
    }

    void reset() {
        tallies.clear();
    }

    private void add(String op, long start, double flops) {
        long t = System.nanoTime() - start;
        Tally s = tallies.computeIfAbsent(op, k -> new Tally());
        s.calls++;
        s.nanos += t;
        s.flops += flops;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void matmul(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        long t = System.nanoTime();
        inner.matmul(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        add("matmul " + m + "×" + n + "×" + k + (transB ? " Bᵀ" : ""), t, 2.0 * m * n * k);
    }

    @Override
    public void matmulBatched(int batch, int m, int n, int k, float[] a, int[] aOffs, int lda, float[] b, int[] bOffs,
                              int ldb, boolean transB, float[] c, int[] cOffs, int ldc) {
        long t = System.nanoTime();
        inner.matmulBatched(batch, m, n, k, a, aOffs, lda, b, bOffs, ldb, transB, c, cOffs, ldc);
        add("matmulBatched " + batch + "×(" + m + "×" + n + "×" + k + (transB ? " Bᵀ)" : ")"), t,
                2.0 * batch * m * n * k);
    }

    @Override
    public void attention(AttentionOperands a) {
        long t = System.nanoTime();
        inner.attention(a);
        add("attention " + a.queries() + "×" + a.keys() + "×" + a.headSize() + (a.mask() != null ? " masked" : ""),
                t, 4.0 * a.batch() * a.heads() * a.queries() * a.keys() * a.headSize());
    }

    @Override
    public void softmaxRows(float[] x, int off, int rows, int cols) {
        long t = System.nanoTime();
        inner.softmaxRows(x, off, rows, cols);
        add("softmaxRows", t, 0);
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] y, int yOff, int rows, int cols, float[] gamma, float[] beta,
                          float eps) {
        long t = System.nanoTime();
        inner.layerNorm(x, xOff, y, yOff, rows, cols, gamma, beta, eps);
        add("layerNorm", t, 0);
    }

    @Override
    public void geluErf(float[] x, int off, int n) {
        long t = System.nanoTime();
        inner.geluErf(x, off, n);
        add("geluErf", t, 0);
    }

    @Override
    public void geluTanh(float[] x, int off, int n) {
        long t = System.nanoTime();
        inner.geluTanh(x, off, n);
        add("geluTanh", t, 0);
    }

    @Override
    public void addInPlace(float[] y, int yOff, float[] x, int xOff, int n) {
        long t = System.nanoTime();
        inner.addInPlace(y, yOff, x, xOff, n);
        add("addInPlace", t, 0);
    }

    @Override
    public void addRowVector(float[] x, int off, int rows, int cols, float[] bias, int biasOff) {
        long t = System.nanoTime();
        inner.addRowVector(x, off, rows, cols, bias, biasOff);
        add("addRowVector (bias)", t, 0);
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        long t = System.nanoTime();
        inner.scale(x, off, n, s);
        add("scale", t, 0);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        long t = System.nanoTime();
        float r = inner.dot(a, aOff, b, bOff, n);
        add("dot", t, 2.0 * n);
        return r;
    }

    @Override
    public void matmulTransA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        long t = System.nanoTime();
        inner.matmulTransA(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        add("matmul " + m + "×" + n + "×" + k + " Aᵀ", t, 2.0 * m * n * k);
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        long t = System.nanoTime();
        inner.geluErfBackward(x, xOff, g, gOff, n);
        add("geluErfBackward", t, 0);
    }

    @Override
    public void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        long t = System.nanoTime();
        inner.geluTanhBackward(x, xOff, g, gOff, n);
        add("geluTanhBackward", t, 0);
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        long t = System.nanoTime();
        inner.mul(a, aOff, b, bOff, out, outOff, n);
        add("mul", t, 0);
    }

    @Override
    public void dropout(float[] x, int xOff, float[] y, int yOff, int n, double p, long seed, long first) {
        long t = System.nanoTime();
        inner.dropout(x, xOff, y, yOff, n, p, seed, first);
        add("dropout", t, 0);
    }

    @Override
    public PreparedWeight prepareWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        long t = System.nanoTime();
        PreparedWeight p = inner.prepareWeight(w, off, ldw, out, in, inOut, dtype);
        add("prepareWeight " + dtype, t, 0);
        return p;
    }

    @Override
    public void linear(int m, float[] x, int xOff, int ldx, PreparedWeight w, float[] bias, int biasOff,
                       FusedActivation act, float[] y, int yOff, int ldy) {
        long t = System.nanoTime();
        inner.linear(m, x, xOff, ldx, w, bias, biasOff, act, y, yOff, ldy);
        add("linear " + m + "×" + w.out() + "×" + w.in() + " " + w.dtype()
                + (act == FusedActivation.NONE ? "" : " +" + act), t, 2.0 * m * w.out() * w.in());
    }
}
