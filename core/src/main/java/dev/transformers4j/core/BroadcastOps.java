package dev.transformers4j.core;

import java.util.Arrays;

/**
 * Binary arithmetic with numpy broadcasting, and its reverse, the sums. Broadcasting and summing are each
 * other's backward: an input stretched along a dimension receives the gradient summed over it
 * ({@link #sumTo}), and the gradient of a sum is broadcast back ({@link #expandTo}).
 */
final class BroadcastOps {

    private BroadcastOps() {
    }

    /** {@code a + b}: {@code ∂L/∂a = ∂L/∂c} and {@code ∂L/∂b = ∂L/∂c}, each summed over the dimensions it was broadcast along. */
    static Tensor add(Tensor a, Tensor b) {
        return plus(a, b).derivedFrom("add", a, g -> g.sumTo(a.shape), b, g -> g.sumTo(b.shape));
    }

    private static Tensor plus(Tensor a, Tensor b) {
        if (Arrays.equals(a.shape, b.shape) && b.isContiguous()) {
            float[] out = CopyOps.copyOf(a);
            Backend.current().addInPlace(out, 0, b.data, b.offset, out.length);
            return Tensor.of(out, a.shape);
        }
        if (b.rank() == 1 && a.shape.length >= 1 && b.shape[0] == a.shape[a.shape.length - 1] && b.isContiguous()) {
            float[] out = CopyOps.copyOf(a);
            int cols = b.shape[0];
            Backend.current().addRowVector(out, 0, cols == 0 ? 0 : out.length / cols, cols, b.data, b.offset);
            return Tensor.of(out, a.shape);
        }
        return zip(a, b, Float::sum);
    }

    /** {@code a − b}: {@code ∂L/∂a = ∂L/∂c}, {@code ∂L/∂b = −∂L/∂c}. */
    static Tensor sub(Tensor a, Tensor b) {
        return zip(a, b, (x, y) -> x - y)
                .derivedFrom("sub", a, g -> g.sumTo(a.shape), b, g -> g.mul(-1f).sumTo(b.shape));
    }

    /** {@code a ⊙ b}: {@code ∂L/∂a = ∂L/∂c ⊙ b}, {@code ∂L/∂b = ∂L/∂c ⊙ a}. */
    static Tensor mul(Tensor a, Tensor b) {
        return times(a, b)
                .derivedFrom("mul", a, g -> g.mul(b).sumTo(a.shape), b, g -> g.mul(a).sumTo(b.shape));
    }

    /** {@code a ⊙ b} without recording. */
    static Tensor times(Tensor a, Tensor b) {
        if (Arrays.equals(a.shape, b.shape) && b.isContiguous()) {
            float[] out = CopyOps.copyOf(a);
            Backend.current().mul(out, 0, b.data, b.offset, out, 0, out.length);
            return Tensor.of(out, a.shape);
        }
        return zip(a, b, (x, y) -> x * y);
    }

    /** {@code a / b}: {@code ∂L/∂a = ∂L/∂c / b}, {@code ∂L/∂b = −∂L/∂c ⊙ a / b²}. */
    static Tensor div(Tensor a, Tensor b) {
        return zip(a, b, (x, y) -> x / y).derivedFrom("div",
                a, g -> g.div(b).sumTo(a.shape),
                b, g -> g.mul(a).div(b).div(b).mul(-1f).sumTo(b.shape));
    }

    /** {@code op(a, b)} element by element; not differentiable, so recording it throws. */
    static Tensor zipWith(Tensor a, Tensor b, Tensor.FloatBinaryOperator op) {
        if (Tensor.wouldRecord(a, b)) {
            throw new IllegalStateException("zipWith(f) cannot be differentiated; use add/sub/mul/div "
                    + "or compute it under Grad.noGrad");
        }
        return zip(a, b, op);
    }

    /** {@code op(a, b)} over the broadcast shape, walking both inputs by their (broadcast) strides. */
    private static Tensor zip(Tensor a, Tensor b, Tensor.FloatBinaryOperator op) {
        int[] outShape = Shape.broadcast(a.shape, b.shape);
        int[] sa = broadcastStrides(a, outShape);
        int[] sb = broadcastStrides(b, outShape);
        float[] out = Workspace.floats(Shape.numel(outShape));          // every element is written
        int rank = outShape.length;
        int[] idx = new int[rank];
        int pa = a.offset;
        int pb = b.offset;
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a.data[pa], b.data[pb]);
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
        return Tensor.of(out, outShape);
    }

    /** The strides that walk {@code t} over {@code outShape}: 0 along a dimension it is broadcast along. */
    private static int[] broadcastStrides(Tensor t, int[] outShape) {
        int[] s = new int[outShape.length];
        int shift = outShape.length - t.shape.length;
        for (int i = 0; i < t.shape.length; i++) {
            s[i + shift] = t.shape[i] == 1 ? 0 : t.strides[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- sums

    /**
     * Sums {@code x} down to {@code target}, a shape that broadcasts to x's (leading dimensions and dimensions
     * of size 1 are summed over): the gradient of broadcasting. Backward: broadcast back, {@link #expandTo}.
     */
    static Tensor sumTo(Tensor x, int... target) {
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        if (!Arrays.equals(Shape.broadcast(target, x.shape), x.shape)) {
            throw new IllegalArgumentException("cannot sum " + Shape.str(x.shape) + " to " + Shape.str(target));
        }
        Tensor src = x.dense();
        Tensor out = Tensor.of(Workspace.zeros(Shape.numel(target)), target);  // accumulated into
        int n = out.numel();
        if (n == 1) {                                           // a total
            double total = 0;
            for (int i = 0; i < src.numel(); i++) {
                total += src.data[src.offset + i];
            }
            out.data[0] = (float) total;
        } else if (n > 0 && isSuffix(target, x.shape)) {        // [..., C] → [C]: add the rows up
            for (int o = 0; o < src.numel(); o += n) {
                Backend.current().addInPlace(out.data, 0, src.data, src.offset + o, n);
            }
        } else {
            scatterAdd(src, out, broadcastStrides(out, x.shape));
        }
        return out.derivedFrom("sumTo", x, g -> g.expandTo(x.shape));
    }

    /** {@code x} broadcast to {@code target} and copied: {@code ∂L/∂x} is {@link #sumTo} of the output gradient. */
    static Tensor expandTo(Tensor x, int... target) {
        if (!Arrays.equals(Shape.broadcast(x.shape, target), target)) {
            throw new IllegalArgumentException("cannot expand " + Shape.str(x.shape) + " to " + Shape.str(target));
        }
        return zip(x, Tensor.of(Workspace.zeros(Shape.numel(target)), target), (v, zero) -> v).derivedFrom("expandTo", x, g -> g.sumTo(x.shape));
    }

    /** Whether {@code target} (leading 1s ignored) equals the trailing dimensions of {@code full}. */
    private static boolean isSuffix(int[] target, int[] full) {
        int lead = 0;
        while (lead < target.length && target[lead] == 1) {
            lead++;
        }
        int len = target.length - lead;
        return len <= full.length
                && Arrays.equals(target, lead, target.length, full, full.length - len, full.length);
    }

    /** {@code out[p] += src[i]} where p advances by {@code outStrides} over the contiguous {@code src}'s index space. */
    private static void scatterAdd(Tensor src, Tensor out, int[] outStrides) {
        int rank = src.shape.length;
        int[] idx = new int[rank];
        int p = 0;
        for (int i = 0, n = src.numel(); i < n; i++) {
            out.data[p] += src.data[src.offset + i];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < src.shape[d]) {
                    p += outStrides[d];
                    break;
                }
                p -= outStrides[d] * (src.shape[d] - 1);
                idx[d] = 0;
            }
        }
    }
}
