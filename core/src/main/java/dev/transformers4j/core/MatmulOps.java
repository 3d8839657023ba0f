package dev.transformers4j.core;

import java.util.Arrays;

/**
 * Matrix products: the batched {@link #matmul} and the linear layers built on it. The backward of a product is
 * two products, {@code ∂L/∂A = ∂L/∂C·Bᵀ} and {@code ∂L/∂B = Aᵀ·∂L/∂C}, so training runs on the same kernels;
 * transposed views are handed to the kernels as strides, never copied.
 */
final class MatmulOps {

    private MatmulOps() {
    }

    /**
     * {@code C = A·B}, {@code [..., M, K] · [..., K, N] → [..., M, N]}, batch dimensions broadcast. Backward:
     * {@code ∂L/∂A = ∂L/∂C·Bᵀ}, {@code ∂L/∂B = Aᵀ·∂L/∂C} (summed over broadcast batch dimensions).
     */
    static Tensor matmul(Tensor a, Tensor b) {
        return product(a, b).derivedFrom("matmul",
                a, g -> g.matmul(b.transpose(-2, -1)).sumTo(a.shape),
                b, g -> a.transpose(-2, -1).matmul(g).sumTo(b.shape));
    }

    private static Tensor product(Tensor a, Tensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs rank ≥ 2 operands but got " + Shape.str(a.shape)
                    + " and " + Shape.str(b.shape));
        }
        int m = a.size(-2);
        int k = a.size(-1);
        if (b.size(-2) != k) {
            throw new IllegalArgumentException("matmul " + Shape.str(a.shape) + " · " + Shape.str(b.shape)
                    + ": inner dimensions " + k + " and " + b.size(-2) + " differ");
        }
        if (a.rank() == 2 && b.rank() == 2 && m > 1 && k > 1 && a.strides[1] != 1 && a.strides[0] == 1
                && b.strides[1] == 1) {
            return productTransA(a, b);
        }
        return batchedProduct(rowMajorInLastDim(a), Right.of(b));
    }

    /** A·B where A is a transposed view, [K, M] in memory (the xᵀ of a weight gradient xᵀ·∂L/∂y): no copy. */
    private static Tensor productTransA(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        float[] out = Workspace.floats(m * n);                          // the product overwrites C
        Backend.current().matmulTransA(m, n, k, a.data, a.offset, a.strides[1], b.data, b.offset,
                rowStride(b), out, 0, n, false);
        return Tensor.of(out, m, n);
    }

    /** A·B for each pair of matrices of the broadcast batch, in one call to the kernels. */
    private static Tensor batchedProduct(Tensor a, Right right) {
        Tensor b = right.t();
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] batchA = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] batchB = Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch = Shape.broadcast(batchA, batchB);
        int nb = Shape.numel(batch);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        float[] out = Workspace.floats(Shape.numel(outShape));          // the products overwrite C
        int[] aOffs = batchOffsets(a, batch);
        int[] bOffs = batchOffsets(b, batch);
        int[] cOffs = new int[nb];
        for (int i = 0; i < nb; i++) {
            cOffs[i] = i * m * n;
        }
        Backend.current().matmulBatched(nb, m, n, k, a.data, aOffs, rowStride(a), b.data, bOffs, right.ld(),
                right.trans(), out, cOffs, n);
        return Tensor.of(out, outShape);
    }

    /**
     * The right operand as the kernels read it: {@code t} row-major ({@code [.., K, N]}, {@code trans} false) or
     * column-major ({@code [.., N, K]} in memory, {@code trans} true), with leading dimension {@code ld}.
     */
    private record Right(Tensor t, boolean trans, int ld) {

        static Right of(Tensor b) {
            boolean transB;
            if (b.strides[b.rank() - 1] == 1 || b.shape[b.rank() - 1] == 1) {
                transB = false;
            } else if (b.strides[b.rank() - 2] == 1 || b.shape[b.rank() - 2] == 1) {
                transB = true;
            } else {
                b = b.dense();
                transB = false;
            }
            int ldb = transB ? Math.max(b.strides[b.rank() - 1], 1) : rowStride(b);
            if (!transB && b.shape[b.rank() - 1] == 1 && b.strides[b.rank() - 1] != 1) {
                b = b.dense();
                ldb = rowStride(b);
            }
            return new Right(b, transB, ldb);
        }
    }

    /** Row stride of the last two dimensions (the leading dimension of a matrix). */
    private static int rowStride(Tensor t) {
        return t.shape[t.shape.length - 2] == 1 ? t.shape[t.shape.length - 1] : t.strides[t.shape.length - 2];
    }

    private static Tensor rowMajorInLastDim(Tensor t) {
        return t.strides[t.rank() - 1] == 1 || t.shape[t.rank() - 1] == 1 && t.isContiguous() ? t : t.dense();
    }

    /** The offset of each batch entry's matrix in {@code t}, over the broadcast {@code batch} (row-major). */
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

    // ---------------------------------------------------------------- linear layers

    /**
     * {@code y = x·Wᵀ + b}, {@code W [out, in]} as in {@code nn.Linear}. Backward, with x and ∂L/∂y flattened to
     * rows: {@code ∂L/∂x = ∂L/∂y·W}, {@code ∂L/∂W = (∂L/∂y)ᵀ·x}, {@code ∂L/∂b = Σ_rows ∂L/∂y}.
     */
    static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = affine(x, weight, bias, false);
        int in = x.size(-1);
        int out = y.size(-1);
        return y.derivedFrom("linear",
                x, g -> g.reshape(-1, out).matmul(weight).reshape(x.shape),
                weight, g -> g.reshape(-1, out).transpose(0, 1).matmul(x.reshape(-1, in)),
                bias, g -> g.sumTo(out));
    }

    /**
     * {@code y = x·W + b}, {@code W [in, out]} (GPT-2's Conv1D). Backward: {@code ∂L/∂x = ∂L/∂y·Wᵀ},
     * {@code ∂L/∂W = xᵀ·∂L/∂y}, {@code ∂L/∂b = Σ_rows ∂L/∂y}.
     */
    static Tensor linearInOut(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = affine(x, weight, bias, true);
        int in = x.size(-1);
        int out = y.size(-1);
        return y.derivedFrom("linearInOut",
                x, g -> g.reshape(-1, out).matmul(weight.transpose(0, 1)).reshape(x.shape),
                weight, g -> x.reshape(-1, in).transpose(0, 1).matmul(g.reshape(-1, out)),
                bias, g -> g.sumTo(out));
    }

    /**
     * {@code act(x·Wᵀ + b)} (or {@code act(x·W + b)} when {@code inOut}): the activation in the product's epilogue
     * when nothing is recorded and the weight is frozen (its prepared form is used) and no trace would see the two
     * operations; otherwise the linear layer then the activation's own operation.
     */
    static Tensor linear(Tensor x, Tensor weight, Tensor bias, FusedActivation act, boolean inOut) {
        if (act != FusedActivation.NONE && !weight.needsGrad() && !Tensor.wouldRecord(x, bias) && !OpTrace.active()) {
            return affine(x, weight, bias, inOut, act);
        }
        return act.apply(inOut ? linearInOut(x, weight, bias) : linear(x, weight, bias));
    }

    /** {@code x·Wᵀ + b} ({@code W [out, in]}) or, when {@code inOut}, {@code x·W + b} ({@code W [in, out]}). */
    private static Tensor affine(Tensor x, Tensor weight, Tensor bias, boolean inOut) {
        return affine(x, weight, bias, inOut, FusedActivation.NONE);
    }

    /** As above, then {@code act}: fused into the product only on the prepared path (a frozen weight). */
    private static Tensor affine(Tensor x, Tensor weight, Tensor bias, boolean inOut, FusedActivation act) {
        int in = x.size(-1);
        if (weight.rank() != 2 || weight.size(inOut ? 0 : 1) != in) {
            throw new IllegalArgumentException("linear: input " + Shape.str(x.shape) + " needs a weight "
                    + (inOut ? "[" + in + ", out]" : "[out, " + in + "]") + " but got " + Shape.str(weight.shape));
        }
        int out = weight.size(inOut ? 1 : 0);
        Tensor xc = x.dense();
        int rows = in == 0 ? 0 : xc.numel() / in;
        float[] y = Workspace.floats(rows * out);                       // the product overwrites y
        Kernels kern = Backend.current();
        int[] outShape = x.shape.clone();
        outShape[outShape.length - 1] = out;
        Tensor bc = null;
        if (bias != null) {
            Shape.check("linear bias", new int[] {out}, bias.shape);
            bc = bias.dense();
        }
        if (!weight.needsGrad()) {
            // a frozen weight: multiplied in the form prepared once (packed, int8, bf16), bias in the epilogue
            kern.linear(rows, xc.data, xc.offset, in, weight.preparedWeight(kern, inOut),
                    bc == null ? null : bc.data, bc == null ? 0 : bc.offset, act, y, 0, out);
            return Tensor.of(y, outShape);
        }
        Tensor w = weight.dense();
        kern.matmul(rows, out, in, xc.data, xc.offset, in, w.data, w.offset, inOut ? out : in, !inOut, y, 0, out, false);
        if (bc != null) {
            kern.addRowVector(y, 0, rows, out, bc.data, bc.offset);
        }
        return Tensor.of(y, outShape);
    }
}
