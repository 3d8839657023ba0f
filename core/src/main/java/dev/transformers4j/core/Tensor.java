package dev.transformers4j.core;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A float32 tensor: a shape, strides and an offset into a backing array.
 *
 * <p>Views ({@link #reshape}, {@link #permute}, {@link #transpose}, {@link #slice}, {@link #select},
 * {@link #unsqueeze}) share the backing array and cost nothing; operations return new, contiguous tensors
 * and never modify their inputs. Heavy lifting goes to the {@link Kernels} of {@link Backend#current()}.
 *
 * <p>Shape glossary used in comments across the project: B batch, T tokens, S source tokens, C model width,
 * H heads, D head size, F feed-forward width, V vocabulary.
 */
public final class Tensor {

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;

    private Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (no copy) as a contiguous tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int n = Shape.numel(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape "
                    + Shape.str(shape) + " (" + n + " elements)");
        }
        return new Tensor(data, 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shape.numel(shape)], 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A scalar (shape {@code []}). */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0], new int[0]);
    }

    // ---------------------------------------------------------------- shape

    public int[] shape() {
        return shape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code d}; negative {@code d} counts from the end. */
    public int size(int d) {
        return shape[axis(d)];
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public boolean isContiguous() {
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != s) {
                return false;
            }
            s *= shape[i];
        }
        return true;
    }

    /** This tensor if it is contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        if (isContiguous()) {
            return this;
        }
        float[] out = new float[numel()];
        copyTo(out, 0);
        return of(out, shape);
    }

    /**
     * The backing array of a contiguous tensor, starting at {@link #offset()}. Writing to it writes to
     * every view that shares it.
     */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** The values in row-major order, as a fresh array. */
    public float[] toArray() {
        float[] out = new float[numel()];
        copyTo(out, 0);
        return out;
    }

    /** The element at the given index. */
    public float get(int... index) {
        return data[flatIndex(index)];
    }

    /** Sets one element (writes through to views sharing the array). */
    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs one element but the shape is " + Shape.str(shape));
        }
        return data[offset];
    }

    // ---------------------------------------------------------------- views

    /** A view with a new shape (one dimension may be -1); copies only when this tensor is not contiguous. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + Shape.str(newShape) + ": more than one -1");
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        int n = numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shape.str(shape) + " to " + Shape.str(newShape));
            }
            s[infer] = n / known;
        }
        if (Shape.numel(s) != n) {
            throw new IllegalArgumentException("cannot reshape " + Shape.str(shape) + " (" + n + " elements) to "
                    + Shape.str(newShape));
        }
        Tensor c = contiguous();
        return new Tensor(c.data, c.offset, s, Shape.contiguousStrides(s));
    }

    /** A view with the dimensions reordered: {@code permute(0, 2, 1, 3)} turns [B, T, H, D] into [B, H, T, D]. */
    public Tensor permute(int... dims) {
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute " + Arrays.toString(dims) + " of a tensor of shape "
                    + Shape.str(shape));
        }
        int[] s = new int[dims.length];
        int[] st = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = axis(dims[i]);
            if (seen[d]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(dims) + ": repeated dimension");
            }
            seen[d] = true;
            s[i] = shape[d];
            st[i] = strides[d];
        }
        return new Tensor(data, offset, s, st);
    }

    /** A view with two dimensions swapped. */
    public Tensor transpose(int d0, int d1) {
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i;
        }
        int a = axis(d0);
        int b = axis(d1);
        dims[a] = b;
        dims[b] = a;
        return permute(dims);
    }

    /** A view of indices {@code [start, end)} along {@code dim}. */
    public Tensor slice(int dim, int start, int end) {
        int d = axis(dim);
        if (start < 0 || end > shape[d] || start > end) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of dimension " + d
                    + " with size " + shape[d]);
        }
        int[] s = shape.clone();
        s[d] = end - start;
        return new Tensor(data, offset + start * strides[d], s, strides.clone());
    }

    /** A view of one index along {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        int d = axis(dim);
        if (index < 0 || index >= shape[d]) {
            throw new IndexOutOfBoundsException("index " + index + " of dimension " + d + " with size " + shape[d]);
        }
        int[] s = new int[shape.length - 1];
        int[] st = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return new Tensor(data, offset + index * strides[d], s, st);
    }

    /** A view with a new dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        int d = dim < 0 ? dim + shape.length + 1 : dim;
        int[] s = new int[shape.length + 1];
        int[] st = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == d) {
                s[i] = 1;
                st[i] = 0;
            } else {
                s[i] = shape[j];
                st[i] = strides[j++];
            }
        }
        return new Tensor(data, offset, s, st);
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        Tensor a = contiguous();
        if (Arrays.equals(shape, other.shape) && other.isContiguous()) {
            float[] out = a.toArray();
            Backend.current().addInPlace(out, 0, other.data, other.offset, out.length);
            return of(out, shape);
        }
        if (other.rank() == 1 && shape.length >= 1 && other.shape[0] == shape[shape.length - 1]
                && other.isContiguous()) {
            float[] out = a.toArray();
            int cols = other.shape[0];
            Backend.current().addRowVector(out, 0, cols == 0 ? 0 : out.length / cols, cols, other.data, other.offset);
            return of(out, shape);
        }
        return zipWith(other, Float::sum);
    }

    public Tensor sub(Tensor other) {
        return zipWith(other, (x, y) -> x - y);
    }

    public Tensor mul(Tensor other) {
        return zipWith(other, (x, y) -> x * y);
    }

    public Tensor div(Tensor other) {
        return zipWith(other, (x, y) -> x / y);
    }

    /** {@code this · s}. */
    public Tensor mul(float s) {
        float[] out = toArray();
        Backend.current().scale(out, 0, out.length, s);
        return of(out, shape);
    }

    public Tensor add(float s) {
        return map(x -> x + s);
    }

    /** Applies {@code f} to every element. */
    public Tensor map(DoubleUnaryOperator f) {
        float[] out = toArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(out[i]);
        }
        return of(out, shape);
    }

    public Tensor tanh() {
        return map(Math::tanh);
    }

    public Tensor relu() {
        return map(x -> x > 0 ? x : 0);
    }

    /** SiLU / swish, {@code x·σ(x)}. */
    public Tensor silu() {
        return map(x -> x / (1.0 + Math.exp(-x)));
    }

    /** Exact GELU (erf form), as {@code hidden_act = "gelu"}. */
    public Tensor gelu() {
        float[] out = toArray();
        Backend.current().geluErf(out, 0, out.length);
        return of(out, shape);
    }

    /** Tanh-approximated GELU, as {@code "gelu_new"} / {@code "gelu_pytorch_tanh"}. */
    public Tensor geluTanh() {
        float[] out = toArray();
        Backend.current().geluTanh(out, 0, out.length);
        return of(out, shape);
    }

    /** Element-wise binary operation with numpy broadcasting. */
    public Tensor zipWith(Tensor other, FloatBinaryOperator op) {
        int[] outShape = Shape.broadcast(shape, other.shape);
        int[] sa = broadcastStrides(this, outShape);
        int[] sb = broadcastStrides(other, outShape);
        float[] out = new float[Shape.numel(outShape)];
        int rank = outShape.length;
        int[] idx = new int[rank];
        int pa = offset;
        int pb = other.offset;
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(data[pa], other.data[pb]);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outShape[d]) {
                    pa += sa[d];
                    pb += sb[d];
                    break;
                }
                pa -= sa[d] * (outShape[d] - 1);
                pb -= sb[d] * (outShape[d] - 1);
                idx[d] = 0;
            }
        }
        return of(out, outShape);
    }

    /** A binary function of two floats. */
    @FunctionalInterface
    public interface FloatBinaryOperator {
        float apply(float x, float y);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Batched matrix product {@code [..., M, K] · [..., K, N] → [..., M, N]}; batch dimensions broadcast.
     * Transposed views (for example {@code k.transpose(-2, -1)}) are multiplied without a copy.
     */
    public Tensor matmul(Tensor other) {
        if (rank() < 2 || other.rank() < 2) {
            throw new IllegalArgumentException("matmul needs rank ≥ 2 operands but got " + Shape.str(shape)
                    + " and " + Shape.str(other.shape));
        }
        int m = size(-2);
        int k = size(-1);
        int n = other.size(-1);
        if (other.size(-2) != k) {
            throw new IllegalArgumentException("matmul " + Shape.str(shape) + " · " + Shape.str(other.shape)
                    + ": inner dimensions " + k + " and " + other.size(-2) + " differ");
        }
        Tensor a = rowMajorInLastDim(this);
        boolean transB;
        Tensor b = other;
        if (b.strides[b.rank() - 1] == 1 || b.shape[b.rank() - 1] == 1) {
            transB = false;
        } else if (b.strides[b.rank() - 2] == 1 || b.shape[b.rank() - 2] == 1) {
            transB = true;
        } else {
            b = b.contiguous();
            transB = false;
        }
        int lda = a.rowStride();
        int ldb = transB ? Math.max(b.strides[b.rank() - 1], 1) : b.rowStride();
        if (!transB && b.shape[b.rank() - 1] == 1 && b.strides[b.rank() - 1] != 1) {
            b = b.contiguous();
            ldb = b.rowStride();
        }
        int[] batchA = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] batchB = Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch = Shape.broadcast(batchA, batchB);
        int nb = Shape.numel(batch);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        float[] out = new float[Shape.numel(outShape)];
        int[] aOffs = batchOffsets(a, batch);
        int[] bOffs = batchOffsets(b, batch);
        int[] cOffs = new int[nb];
        for (int i = 0; i < nb; i++) {
            cOffs[i] = i * m * n;
        }
        Backend.current().matmulBatched(nb, m, n, k, a.data, aOffs, lda, b.data, bOffs, ldb, transB, out, cOffs, n);
        return of(out, outShape);
    }

    /**
     * A linear layer, {@code y = x·Wᵀ + b}, with {@code W} stored {@code [out, in]} as in {@code nn.Linear}.
     *
     * @param bias {@code [out]}, or null
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        int in = size(-1);
        if (weight.rank() != 2 || weight.size(1) != in) {
            throw new IllegalArgumentException("linear: input " + Shape.str(shape) + " needs a weight [out, " + in
                    + "] but got " + Shape.str(weight.shape));
        }
        int out = weight.size(0);
        Tensor x = contiguous();
        Tensor w = weight.contiguous();
        int rows = in == 0 ? 0 : x.numel() / in;
        float[] y = new float[rows * out];
        Kernels kern = Backend.current();
        kern.matmul(rows, out, in, x.data, x.offset, in, w.data, w.offset, in, true, y, 0, out, false);
        if (bias != null) {
            Shape.check("linear bias", new int[] {out}, bias.shape);
            Tensor bc = bias.contiguous();
            kern.addRowVector(y, 0, rows, out, bc.data, bc.offset);
        }
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = out;
        return of(y, outShape);
    }

    /**
     * A linear layer with the weight stored {@code [in, out]} (GPT-2's Conv1D): {@code y = x·W + b}.
     *
     * @param bias {@code [out]}, or null
     */
    public Tensor linearInOut(Tensor weight, Tensor bias) {
        int in = size(-1);
        if (weight.rank() != 2 || weight.size(0) != in) {
            throw new IllegalArgumentException("linear: input " + Shape.str(shape) + " needs a weight [" + in
                    + ", out] but got " + Shape.str(weight.shape));
        }
        int out = weight.size(1);
        Tensor x = contiguous();
        Tensor w = weight.contiguous();
        int rows = in == 0 ? 0 : x.numel() / in;
        float[] y = new float[rows * out];
        Kernels kern = Backend.current();
        kern.matmul(rows, out, in, x.data, x.offset, in, w.data, w.offset, out, false, y, 0, out, false);
        if (bias != null) {
            Shape.check("linear bias", new int[] {out}, bias.shape);
            Tensor bc = bias.contiguous();
            kern.addRowVector(y, 0, rows, out, bc.data, bc.offset);
        }
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = out;
        return of(y, outShape);
    }

    /** Softmax over the last dimension, max subtracted first. */
    public Tensor softmax() {
        float[] out = toArray();
        int cols = size(-1);
        Backend.current().softmaxRows(out, 0, cols == 0 ? 0 : out.length / cols, cols);
        return of(out, shape);
    }

    /** LayerNorm over the last dimension (two-pass, eps inside the square root). */
    public Tensor layerNorm(Tensor gamma, Tensor beta, float eps) {
        int cols = size(-1);
        Shape.check("layer norm weight", new int[] {cols}, gamma.shape);
        Shape.check("layer norm bias", new int[] {cols}, beta.shape);
        Tensor x = contiguous();
        float[] out = new float[numel()];
        Backend.current().layerNorm(x.data, x.offset, out, 0, cols == 0 ? 0 : out.length / cols, cols,
                gamma.contiguous().toArray(), beta.contiguous().toArray(), eps);
        return of(out, shape);
    }

    /**
     * Embedding lookup: row {@code ids[i]} of {@code weight [V, C]} for every id, shaped {@code idsShape + [C]}.
     *
     * @throws IndexOutOfBoundsException naming the id and the vocabulary size
     */
    public static Tensor embedding(Tensor weight, int[] ids, int... idsShape) {
        if (Shape.numel(idsShape) != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids do not fit shape " + Shape.str(idsShape));
        }
        Tensor w = weight.contiguous();
        int v = w.size(0);
        int c = w.size(1);
        float[] out = new float[ids.length * c];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= v) {
                throw new IndexOutOfBoundsException("token id " + id + " is outside the vocabulary [0, " + v + ")");
            }
            System.arraycopy(w.data, w.offset + id * c, out, i * c, c);
        }
        int[] outShape = Arrays.copyOf(idsShape, idsShape.length + 1);
        outShape[idsShape.length] = c;
        return of(out, outShape);
    }

    // ---------------------------------------------------------------- helpers

    @Override
    public String toString() {
        int n = Math.min(numel(), 8);
        float[] head = Arrays.copyOf(toArray(), n);
        return "Tensor" + Shape.str(shape) + Arrays.toString(head) + (numel() > n ? "…" : "");
    }

    private int axis(int d) {
        int a = d < 0 ? d + shape.length : d;
        if (a < 0 || a >= shape.length) {
            throw new IndexOutOfBoundsException("dimension " + d + " of a tensor of rank " + shape.length);
        }
        return a;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " for shape " + Shape.str(shape));
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + Shape.str(shape));
            }
            p += index[i] * strides[i];
        }
        return p;
    }

    private void copyTo(float[] out, int outOff) {
        int n = numel();
        if (n == 0) {
            return;
        }
        if (isContiguous()) {
            System.arraycopy(data, offset, out, outOff, n);
            return;
        }
        int rank = shape.length;
        int last = shape[rank - 1];
        int lastStride = strides[rank - 1];
        int[] idx = new int[rank];
        int p = offset;
        int o = outOff;
        while (o < outOff + n) {
            if (lastStride == 1) {
                System.arraycopy(data, p, out, o, last);
                o += last;
            } else {
                for (int j = 0, q = p; j < last; j++, q += lastStride) {
                    out[o++] = data[q];
                }
            }
            int d = rank - 2;
            for (; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    p += strides[d];
                    break;
                }
                p -= strides[d] * (shape[d] - 1);
                idx[d] = 0;
            }
            if (d < 0) {
                break;
            }
        }
    }

    /** Row stride of the last two dimensions (the leading dimension of a matrix). */
    private int rowStride() {
        return shape[shape.length - 2] == 1 ? shape[shape.length - 1] : strides[shape.length - 2];
    }

    private static Tensor rowMajorInLastDim(Tensor t) {
        return t.strides[t.rank() - 1] == 1 || t.shape[t.rank() - 1] == 1 && t.isContiguous() ? t : t.contiguous();
    }

    private static int[] broadcastStrides(Tensor t, int[] outShape) {
        int[] s = new int[outShape.length];
        int shift = outShape.length - t.shape.length;
        for (int i = 0; i < t.shape.length; i++) {
            s[i + shift] = t.shape[i] == 1 ? 0 : t.strides[i];
        }
        return s;
    }

    private static int[] batchOffsets(Tensor t, int[] batch) {
        int nb = Shape.numel(batch);
        int[] offs = new int[nb];
        int tb = t.rank() - 2;
        int shift = batch.length - tb;
        int[] idx = new int[batch.length];
        for (int i = 0; i < nb; i++) {
            int p = t.offset;
            for (int d = 0; d < tb; d++) {
                if (t.shape[d] != 1) {
                    p += idx[d + shift] * t.strides[d];
                }
            }
            offs[i] = p;
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return offs;
    }
}
