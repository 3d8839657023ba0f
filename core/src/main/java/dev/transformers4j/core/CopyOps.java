package dev.transformers4j.core;

import java.util.Arrays;

/**
 * The operations that copy values: a strided view into a contiguous array, and the embedding lookup (a gather
 * of rows, whose backward is the matching scatter-add). Each backward rule sits beside its forward.
 */
final class CopyOps {

    private CopyOps() {
    }

    /** {@code x} if it is contiguous, else a contiguous copy; {@code ∂L/∂x = ∂L/∂y} (same values, same shape). */
    static Tensor contiguous(Tensor x) {
        Tensor c = dense(x);
        return c == x ? x : c.derivedFrom("contiguous", x, g -> g);
    }

    /** {@link #contiguous} without recording: for reading the values inside an operation. */
    static Tensor dense(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        return Tensor.of(copyOf(x), x.shape);
    }

    /** The values of {@code x} in row-major order, in a {@link Workspace} array the caller may write over. */
    static float[] copyOf(Tensor x) {
        float[] out = Workspace.floats(x.numel());
        copyTo(x, out, 0);
        return out;
    }

    /** Writes the values of {@code x}, in row-major order, into {@code out} from {@code outOff}. */
    static void copyTo(Tensor x, float[] out, int outOff) {
        int n = x.numel();
        if (n == 0) {
            return;
        }
        if (x.isContiguous()) {
            System.arraycopy(x.data, x.offset, out, outOff, n);
            return;
        }
        int rank = x.shape.length;
        int last = x.shape[rank - 1];
        int lastStride = x.strides[rank - 1];
        int[] idx = new int[rank];
        int p = x.offset;
        int o = outOff;
        while (o < outOff + n) {
            if (lastStride == 1) {
                System.arraycopy(x.data, p, out, o, last);
                o += last;
            } else {
                for (int j = 0, q = p; j < last; j++, q += lastStride) {
                    out[o++] = x.data[q];
                }
            }
            int d = rank - 2;
            for (; d >= 0; d--) {
                if (++idx[d] < x.shape[d]) {
                    p += x.strides[d];
                    break;
                }
                p -= x.strides[d] * (x.shape[d] - 1);
                idx[d] = 0;
            }
            if (d < 0) {
                break;
            }
        }
    }

    /** Writes the contiguous {@code src}'s values, in row-major order, into the positions of the view {@code dst}. */
    static void copyInto(Tensor src, Tensor dst) {
        int rank = dst.shape.length;
        int[] idx = new int[rank];
        int p = dst.offset;
        for (int i = 0, n = src.numel(); i < n; i++) {
            dst.data[p] = src.data[src.offset + i];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < dst.shape[d]) {
                    p += dst.strides[d];
                    break;
                }
                p -= dst.strides[d] * (dst.shape[d] - 1);
                idx[d] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- embedding lookup

    /**
     * Row {@code ids[i]} of {@code weight [V, C]} for every id, shaped {@code idsShape + [C]}
     * (as {@code nn.Embedding}); backward: {@link #embeddingBackward}.
     */
    static Tensor embedding(Tensor weight, int[] ids, int[] idsShape, int paddingIdx) {
        return lookup(weight, ids, idsShape).derivedFrom("embedding", weight,
                g -> embeddingBackward(g, ids, paddingIdx, weight.size(0), weight.size(1)));
    }

    private static Tensor lookup(Tensor weight, int[] ids, int... idsShape) {
        if (Shape.numel(idsShape) != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids do not fit shape " + Shape.str(idsShape));
        }
        Tensor w = weight.dense();
        int v = w.size(0);
        int c = w.size(1);
        float[] out = Workspace.floats(ids.length * c);                 // every row is written
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= v) {
                throw new IndexOutOfBoundsException("token id " + id + " is outside the vocabulary [0, " + v + ")");
            }
            System.arraycopy(w.data, w.offset + id * c, out, i * c, c);
        }
        int[] outShape = Arrays.copyOf(idsShape, idsShape.length + 1);
        outShape[idsShape.length] = c;
        return Tensor.of(out, outShape);
    }

    /**
     * The lookup's weight gradient: row {@code ids[i]} of {@code ∂L/∂W} receives row i of {@code ∂L/∂out}
     * (summed when an id repeats); the {@code paddingIdx} row receives nothing, as
     * {@code nn.Embedding(padding_idx=...)}.
     *
     * @param g          {@code ∂L/∂out}, {@code idsShape + [C]}
     * @param paddingIdx the row that never gets a gradient, or -1
     */
    private static Tensor embeddingBackward(Tensor g, int[] ids, int paddingIdx, int vocab, int dim) {
        float[] gs = g.toArray();
        float[] gw = new float[vocab * dim];
        Kernels k = Backend.current();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != paddingIdx) {
                k.addInPlace(gw, ids[i] * dim, gs, i * dim, dim);
            }
        }
        return Tensor.of(gw, vocab, dim);
    }
}
