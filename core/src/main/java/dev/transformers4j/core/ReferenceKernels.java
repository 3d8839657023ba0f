package dev.transformers4j.core;

/**
 * The specification of every kernel: plain scalar loops, written to be read.
 *
 * <p>Fast backends extend this class and call back into it for what they do not vectorise (tails,
 * small sizes). Accumulation is in float, in the natural order, like a straightforward C loop.
 */
public class ReferenceKernels implements Kernels {

    @Override
    public String name() {
        return Backend.REFERENCE;
    }

    @Override
    public void matmul(int m, int n, int k,
                       float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, boolean transB,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    float s = dot(a, ai, b, bOff + j * ldb, k);
                    c[ci + j] = accumulate ? c[ci + j] + s : s;
                }
            } else {
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float aip = a[ai + p];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    @Override
    public void matmulTransA(int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m && !accumulate; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * lda;
            int bp = bOff + p * ldb;
            for (int i = 0; i < m; i++) {
                float api = a[ap + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /**
     * The eager steps one query row at a time: the row of scores {@code q·kⱼ·scale + mask} (−∞ where the causal or
     * sliding-window mask hides key j), its softmax, then {@code Σⱼ pⱼ·vⱼ}. Needs a scratch row of S floats.
     */
    @Override
    public void attention(AttentionOperands a) {
        AttentionOperands.Strided q = a.q(), k = a.k(), v = a.v(), mask = a.mask(), out = a.context();
        int s = a.keys(), d = a.headSize();
        float[] row = new float[s];
        for (int b = 0; b < a.batch(); b++) {
            for (int h = 0; h < a.heads(); h++) {
                for (int i = 0; i < a.queries(); i++) {
                    int qi = q.at(b, h, i);
                    for (int j = 0; j < s; j++) {
                        if (j < a.firstKey(i) || j >= a.endKey(i)) {
                            row[j] = Float.NEGATIVE_INFINITY;
                            continue;
                        }
                        row[j] = dot(q.data(), qi, k.data(), k.at(b, h, j), d) * a.scale();
                        if (mask != null) {
                            row[j] += mask.data()[mask.at(b, h, i) + j * mask.colStride()];
                        }
                    }
                    softmaxRows(row, 0, 1, s);
                    int o = out.at(b, h, i);
                    java.util.Arrays.fill(out.data(), o, o + d, 0f);
                    for (int j = 0; j < s; j++) {
                        int vj = v.at(b, h, j);
                        for (int c = 0; c < d; c++) {
                            out.data()[o + c] += row[j] * v.data()[vj + c];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void softmaxRows(float[] x, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[o + j]);
            }
            if (max == Float.NEGATIVE_INFINITY) {
                // every entry masked: define the row as uniform rather than NaN
                java.util.Arrays.fill(x, o, o + cols, 1f / cols);
                continue;
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                x[o + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                x[o + j] *= inv;
            }
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] y, int yOff, int rows, int cols,
                          float[] gamma, float[] beta, float eps) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float mean = 0f;
            for (int j = 0; j < cols; j++) {
                mean += x[xo + j];
            }
            mean /= cols;
            float var = 0f;
            for (int j = 0; j < cols; j++) {
                float d = x[xo + j] - mean;
                var += d * d;
            }
            var /= cols;
            float inv = (float) (1.0 / Math.sqrt(var + eps));
            for (int j = 0; j < cols; j++) {
                y[yo + j] = (x[xo + j] - mean) * inv * gamma[j] + beta[j];
            }
        }
    }

    @Override
    public void geluErf(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            float v = x[i];
            x[i] = (float) (0.5 * v * (1.0 + MathFunctions.erf(v / Math.sqrt(2.0))));
        }
    }

    @Override
    public void geluTanh(float[] x, int off, int n) {
        final double c = Math.sqrt(2.0 / Math.PI);
        for (int i = off; i < off + n; i++) {
            double v = x[i];
            x[i] = (float) (0.5 * v * (1.0 + Math.tanh(c * (v + 0.044715 * v * v * v))));
        }
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        for (int i = 0; i < n; i++) {
            g[gOff + i] = (float) (g[gOff + i] * MathFunctions.geluErfDerivative(x[xOff + i]));
        }
    }

    @Override
    public void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int n) {
        for (int i = 0; i < n; i++) {
            g[gOff + i] = (float) (g[gOff + i] * MathFunctions.geluTanhDerivative(x[xOff + i]));
        }
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public void addInPlace(float[] y, int yOff, float[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    @Override
    public void addRowVector(float[] x, int off, int rows, int cols, float[] bias, int biasOff) {
        for (int r = 0; r < rows; r++) {
            addInPlace(x, off + r * cols, bias, biasOff, cols);
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        for (int i = off; i < off + n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void dropout(float[] x, int xOff, float[] y, int yOff, int n, double p, long seed, long first) {
        int dropBelow = dropoutThreshold(p);
        float scale = dropoutScale(p);
        long counter = seed + (first + 1) * Rng.GAMMA;
        for (int i = 0; i < n; i++, counter += Rng.GAMMA) {
            float m = (Rng.mix(counter) >>> 40) < dropBelow ? 0f : scale;
            y[yOff + i] = x[xOff + i] * m;
        }
    }

    /**
     * The 24-bit draws {@code r} that dropout zeroes are those below this: {@code r·2⁻²⁴ < p ⇔ r < ⌈p·2²⁴⌉}
     * for an integer r, so the comparison is exact in integers.
     */
    protected static int dropoutThreshold(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability: expected a value in [0, 1) but was " + p);
        }
        return (int) Math.ceil(p * (1 << 24));
    }

    /** The factor {@code 1/(1 − p)} kept elements are scaled by. */
    protected static float dropoutScale(double p) {
        return (float) (1.0 / (1.0 - p));
    }

    @Override
    public PreparedWeight prepareWeight(float[] w, int off, int ldw, int out, int in, boolean inOut, WeightDType dtype) {
        return new ReferencePreparedWeight(w, off, ldw, out, in, inOut, dtype);
    }

    /**
     * float32: {@link #matmul} on the weight as it is stored, then the bias, then the activation (so a backend
     * that overrides {@code matmul} runs its own product here). int8 / bf16: each output a dot product in the
     * natural order over the quantised values, then the bias, then the activation over the row.
     */
    @Override
    public void linear(int m, float[] x, int xOff, int ldx, PreparedWeight w, float[] bias, int biasOff,
                       FusedActivation act, float[] y, int yOff, int ldy) {
        if (!(w instanceof ReferencePreparedWeight rw)) {
            throw new IllegalArgumentException("linear: a weight prepared by another backend ("
                    + w.getClass().getSimpleName() + ") was passed to the " + name() + " kernels");
        }
        int n = rw.out();
        if (rw.dtype() == WeightDType.FLOAT32) {
            matmul(m, n, rw.in(), x, xOff, ldx, rw.w, rw.off, rw.ldw, !rw.inOut, y, yOff, ldy, false);
        } else {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    y[yOff + r * ldy + j] = rw.dotRow(x, xOff + r * ldx, j);
                }
            }
        }
        finishRows(m, n, bias, biasOff, act, y, yOff, ldy);
    }

    /**
     * The epilogue of a product done apart: {@code y[r, :] = act(y[r, :] + bias)} over {@code m} rows of {@code n}
     * with row stride {@code ldy} ({@code bias} may be null), as one run when the rows are contiguous.
     */
    protected void finishRows(int m, int n, float[] bias, int biasOff, FusedActivation act, float[] y, int yOff,
                              int ldy) {
        if (ldy == n) {
            if (bias != null) {
                addRowVector(y, yOff, m, n, bias, biasOff);
            }
            activate(act, y, yOff, m * n);
            return;
        }
        for (int r = 0; r < m; r++) {
            if (bias != null) {
                addInPlace(y, yOff + r * ldy, bias, biasOff, n);
            }
            activate(act, y, yOff + r * ldy, n);
        }
    }

    /** Applies a fused activation in place over {@code n} elements with this backend's element-wise kernels. */
    protected void activate(FusedActivation act, float[] y, int off, int n) {
        switch (act) {
            case NONE -> { }
            case GELU_ERF -> geluErf(y, off, n);
            case GELU_TANH -> geluTanh(y, off, n);
            case RELU -> {
                for (int i = off; i < off + n; i++) {
                    y[i] = Math.max(0f, y[i]);
                }
            }
        }
    }
}
