package dev.transformers4j.models.io;

import dev.transformers4j.core.Shape;
import dev.transformers4j.models.io.Unpickler.Tuple;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A tensor of a PyTorch checkpoint before its values are read: a strided view into a storage, element
 * {@code (i0, i1, …)} at {@code offset + Σ i_k·stride_k} (in elements). Views of one storage may overlap (tied
 * weights are one storage under several names) and need not be contiguous (a transposed matrix).
 */
record TorchTensor(Storage storage, long offset, int[] shape, long[] stride) {

    /** A storage: the archive file {@code data/key}, {@code numel} elements of {@code dtype}. */
    record Storage(String key, DType dtype, long numel) {
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    static TorchTensor rebuild(Path file, Tuple args) {
        if (args.size() < 6 || args.size() > 7 || !(args.get(0) instanceof Storage storage)
                || !(args.get(1) instanceof Long offset) || offset < 0
                || !(args.get(2) instanceof Tuple size) || !(args.get(3) instanceof Tuple stride)
                || size.size() != stride.size()) {
            throw new ModelFileException(file, "a tensor in the pickle is not _rebuild_tensor_v2(storage, offset,"
                    + " size, stride, requires_grad, backward_hooks) with sizes and strides of one length");
        }
        long[] dims = longs(file, size, "size");
        long numel = 1;
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            numel *= Math.min(dims[i], Integer.MAX_VALUE);
            if (dims[i] > Integer.MAX_VALUE || numel > Integer.MAX_VALUE) {
                throw new ModelFileException(file, "a tensor of size " + Arrays.toString(dims)
                        + " has more than 2^31-1 elements, more than t4j holds in one tensor");
            }
            shape[i] = (int) dims[i];
        }
        return new TorchTensor(storage, offset, shape, longs(file, stride, "stride"));
    }

    private static long[] longs(Path file, Tuple t, String what) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v) || v < 0) {
                throw new ModelFileException(file, "a tensor's " + what + " is not a tuple of non-negative integers");
            }
            out[i] = v;
        }
        return out;
    }

    int numel() {
        return Shape.numel(shape);
    }

    /**
     * The storage elements the view spans from its offset: {@code 1 + Σ (size_k − 1)·stride_k}, 0 when empty;
     * {@link Long#MAX_VALUE} when that overflows.
     */
    long span() {
        if (numel() == 0) {
            return 0;
        }
        try {
            long last = 0;
            for (int i = 0; i < shape.length; i++) {
                last = Math.addExact(last, Math.multiplyExact(shape[i] - 1L, stride[i]));
            }
            return Math.addExact(last, 1);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** True when the view reads its span front to back with no gap: row-major strides (size-1 dims aside). */
    boolean contiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Same storage, offset, shape and stride: the same tensor under another name (a tied weight). */
    boolean sameView(TorchTensor o) {
        return storage.key().equals(o.storage.key()) && offset == o.offset && Arrays.equals(shape, o.shape)
                && Arrays.equals(stride, o.stride);
    }

    /** {@code shape [3, 2], stride [1, 3], offset 0 of storage 'data/0'}. */
    String describe() {
        return "shape " + Shape.str(shape) + ", stride " + Arrays.toString(stride) + ", offset " + offset
                + " of storage 'data/" + storage.key() + "'";
    }

    /**
     * The values in row-major order, gathered from {@code window}: the {@link #span()} storage elements from
     * the offset on.
     */
    float[] gather(float[] window) {
        int n = numel();
        if (contiguous()) {
            return window.length == n ? window : Arrays.copyOf(window, n);
        }
        float[] out = new float[n];
        int[] index = new int[shape.length];
        long pos = 0;
        for (int i = 0; i < n; i++) {
            out[i] = window[(int) pos];
            for (int d = shape.length - 1; d >= 0; d--) {       // odometer over the indices, last fastest
                pos += stride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                pos -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }
}
