package dev.transformers4j.core;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The views: new shapes and strides over the same backing array, no copy (only {@link #reshape} of a
 * non-contiguous tensor copies). The backward rule of a view is the inverse view, or, for a view that
 * keeps part of the tensor ({@link #slice}, {@link #select}), the gradient placed back into zeros.
 */
final class ViewOps {

    private ViewOps() {
    }

    /** A view with a new shape (one dimension may be -1); {@code ∂L/∂x}: the same values in the old shape. */
    static Tensor reshape(Tensor x, int... newShape) {
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
        int n = x.numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shape.str(x.shape) + " to " + Shape.str(newShape));
            }
            s[infer] = n / known;
        }
        if (Shape.numel(s) != n) {
            throw new IllegalArgumentException("cannot reshape " + Shape.str(x.shape) + " (" + n + " elements) to "
                    + Shape.str(newShape));
        }
        Tensor c = x.dense();
        int[] in = x.shape;
        return new Tensor(c.data, c.offset, s, Shape.contiguousStrides(s))
                .derivedFrom("reshape", x, g -> g.reshape(in));       // ∂L/∂x: the same values, the old shape
    }

    /** A view with the dimensions reordered; {@code ∂L/∂x}: the gradient permuted back. */
    static Tensor permute(Tensor x, int... dims) {
        if (dims.length != x.shape.length) {
            throw new IllegalArgumentException("permute " + Arrays.toString(dims) + " of a tensor of shape "
                    + Shape.str(x.shape));
        }
        int[] s = new int[dims.length];
        int[] st = new int[dims.length];
        int[] inverse = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = x.axis(dims[i]);
            if (seen[d]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(dims) + ": repeated dimension");
            }
            seen[d] = true;
            s[i] = x.shape[d];
            st[i] = x.strides[d];
            inverse[d] = i;
        }
        return new Tensor(x.data, x.offset, s, st)
                .derivedFrom("permute", x, g -> g.permute(inverse));  // ∂L/∂x: permuted back
    }

    /** Two dimensions swapped: a {@link #permute} (and recorded as one). */
    static Tensor transpose(Tensor x, int d0, int d1) {
        int[] dims = new int[x.shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i;
        }
        int a = x.axis(d0);
        int b = x.axis(d1);
        dims[a] = b;
        dims[b] = a;
        return x.permute(dims);
    }

    /** A view of indices {@code [start, end)} along {@code dim}; {@code ∂L/∂x}: the gradient there, zero elsewhere. */
    static Tensor slice(Tensor x, int dim, int start, int end) {
        int d = x.axis(dim);
        if (start < 0 || end > x.shape[d] || start > end) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of dimension " + d
                    + " with size " + x.shape[d]);
        }
        int[] s = x.shape.clone();
        s[d] = end - start;
        return new Tensor(x.data, x.offset + start * x.strides[d], s, x.strides.clone())
                .derivedFrom("slice", x, g -> placedIn(g, x.shape, z -> z.slice(d, start, end)));  // zero elsewhere
    }

    /** A view of one index along {@code dim}, that dimension removed; {@code ∂L/∂x}: the gradient there, zero elsewhere. */
    static Tensor select(Tensor x, int dim, int index) {
        int d = x.axis(dim);
        if (index < 0 || index >= x.shape[d]) {
            throw new IndexOutOfBoundsException("index " + index + " of dimension " + d + " with size " + x.shape[d]);
        }
        int[] s = new int[x.shape.length - 1];
        int[] st = new int[x.shape.length - 1];
        for (int i = 0, j = 0; i < x.shape.length; i++) {
            if (i != d) {
                s[j] = x.shape[i];
                st[j++] = x.strides[i];
            }
        }
        return new Tensor(x.data, x.offset + index * x.strides[d], s, st)
                .derivedFrom("select", x, g -> placedIn(g, x.shape, z -> z.select(d, index)));  // zero elsewhere
    }

    /** A view with a new dimension of size 1 at {@code dim}; {@code ∂L/∂x}: the gradient in the old shape. */
    static Tensor unsqueeze(Tensor x, int dim) {
        int d = dim < 0 ? dim + x.shape.length + 1 : dim;
        int[] s = new int[x.shape.length + 1];
        int[] st = new int[x.shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == d) {
                s[i] = 1;
                st[i] = 0;
            } else {
                s[i] = x.shape[j];
                st[i] = x.strides[j++];
            }
        }
        return new Tensor(x.data, x.offset, s, st).derivedFrom("unsqueeze", x, g -> g.reshape(x.shape));
    }

    /**
     * A zero tensor of {@code fullShape} with {@code g} written into the part that {@code view} selects:
     * the gradient of a view ({@code slice}, {@code select}) with respect to the tensor it views.
     */
    private static Tensor placedIn(Tensor g, int[] fullShape, UnaryOperator<Tensor> view) {
        Tensor full = Tensor.zeros(fullShape);
        CopyOps.copyInto(g.dense(), view.apply(full));
        return full;
    }
}
