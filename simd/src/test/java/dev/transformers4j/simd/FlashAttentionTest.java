package dev.transformers4j.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.transformers4j.core.AttentionOperands;
import dev.transformers4j.core.AttentionOperands.Strided;
import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernel of both backends against the eager path ({@link Attention#scaledDotProduct} on the
 * reference kernels, with the folded masks written out as a −∞ additive mask), within {@code 1e-5 + 1e-4·|e|}:
 * odd T, S and D, the heads read as views of {@code [B, T, H·D]} and {@code [B, S, 2·H·D]} (or of a KV cache),
 * the context written into {@code [B, T, H·D]}, with padding, causal, causal-with-cache-offset and sliding-window
 * masks and rows where every key is masked.
 */
class FlashAttentionTest {

    private static final int[] LENGTHS = {1, 3, 17, 65, 129};
    private static final int[] HEAD_SIZES = {32, 48, 64};
    private static final Kernels REFERENCE = new ReferenceKernels();
    private static final Kernels[] BACKENDS = {REFERENCE, new VectorKernels(1), new VectorKernels(2)};

    /** The masks a case combines: an additive tensor (or none) and the folded causal and window masks. */
    enum AdditiveMask { NONE, PADDING, FULLY_PADDED_ROW, CAUSAL_PADDING }

    @Test
    void sweepOverOddSizesAndEveryMask() {
        int cases = 0;
        for (int t : LENGTHS) {
            for (int s : LENGTHS) {
                for (int d : HEAD_SIZES) {
                    long seed = 1000L * t + 10L * s + d;
                    check(2, 3, t, s, d, AdditiveMask.NONE, false, 0, seed);
                    check(2, 3, t, s, d, AdditiveMask.PADDING, false, 0, seed + 1);
                    check(2, 1, t, s, d, AdditiveMask.FULLY_PADDED_ROW, false, 0, seed + 2);
                    check(1, 2, t, s, d, AdditiveMask.NONE, true, 0, seed + 3);          // causal, cache offset S − T
                    check(2, 2, t, s, d, AdditiveMask.PADDING, true, 0, seed + 4);
                    check(2, 2, t, s, d, AdditiveMask.CAUSAL_PADDING, false, 0, seed + 5); // GPT-2's mask tensor
                    check(1, 3, t, s, d, AdditiveMask.PADDING, true, 5, seed + 6);      // sliding window W = 5
                    check(1, 2, t, s, d, AdditiveMask.NONE, false, 16, seed + 7);       // window without causal
                    cases += 8;
                }
            }
        }
        assertThat(cases).isEqualTo(5 * 5 * 3 * 8);
    }

    @Test
    void decodeStepOverALongCacheSplitOverThreads() {
        // T = 1 against 1000 cached keys of a [B, H, capacity, D] cache: enough work for the parallel split
        check(2, 4, 1, 1000, 64, AdditiveMask.PADDING, true, 0, 7);
        check(3, 4, 2, 777, 48, AdditiveMask.NONE, true, 300, 8);
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        Case c = new Case(3, 4, 129, 129, 64, AdditiveMask.PADDING, true, 0, 11);
        float[] one = c.run(new VectorKernels(1));
        float[] two = c.run(new VectorKernels(2));
        assertThat(two).containsExactly(one);
    }

    private static void check(int b, int h, int t, int s, int d, AdditiveMask mask, boolean causal, int window,
                              long seed) {
        Case c = new Case(b, h, t, s, d, mask, causal, window, seed);
        float[] expected = c.eager();
        for (Kernels k : BACKENDS) {
            float[] actual = c.run(k);
            for (int i = 0; i < expected.length; i++) {
                double e = expected[i];
                if (!(Math.abs(actual[i] - e) <= 1e-5 + 1e-4 * Math.abs(e))) {
                    fail(k.name() + " " + c + ": context[" + i + "] = " + actual[i] + " but eager gives " + e);
                }
            }
        }
    }

    /** One attention problem: projections as {@code [B, T, H·D]} / {@code [B, S, 2·H·D]} tensors and the masks. */
    private record Case(int b, int h, int t, int s, int d, AdditiveMask kind, boolean causal, int window,
                        Tensor q, Tensor k, Tensor v, Tensor mask, float scale) {

        Case(int b, int h, int t, int s, int d, AdditiveMask kind, boolean causal, int window, long seed) {
            this(b, h, t, s, d, kind, causal, window, seed, new Random(seed));
        }

        private Case(int b, int h, int t, int s, int d, AdditiveMask kind, boolean causal, int window, long seed,
                     Random r) {
            this(b, h, t, s, d, kind, causal, window,
                    Attention.splitHeads(Tensor.of(random(r, b * t * h * d), b, t, h * d), h),   // [B, H, T, D]
                    null, null, additive(kind, b, t, s, r), (float) (2.5 / Math.sqrt(d)));
        }

        Case {
            if (k == null) {
                Random r = new Random(31L * t + s);
                if (s % 2 == 1) {
                    // keys and values side by side, as GPT-2's c_attn gives them: [B, S, 2·H·D]
                    Tensor kv = Tensor.of(random(r, b * s * 2 * h * d), b, s, 2 * h * d);
                    k = Attention.splitHeads(kv.slice(2, 0, h * d), h);                    // [B, H, S, D]
                    v = Attention.splitHeads(kv.slice(2, h * d, 2 * h * d), h);
                } else {
                    // a KV cache: [B, H, capacity, D] with S of its positions filled
                    k = Tensor.of(random(r, b * h * (s + 3) * d), b, h, s + 3, d).slice(2, 0, s);
                    v = Tensor.of(random(r, b * h * (s + 3) * d), b, h, s + 3, d).slice(2, 0, s);
                }
            }
        }

        /** The eager path on the reference kernels, the folded masks written out as −∞. */
        float[] eager() {
            Kernels previous = Backend.current();
            Backend.use(REFERENCE);
            try {
                float[] m = new float[b * t * s];
                for (int bi = 0; bi < b; bi++) {
                    for (int i = 0; i < t; i++) {
                        int p = s - t + i;
                        for (int j = 0; j < s; j++) {
                            boolean hidden = causal && j > p || window > 0 && j <= p - window;
                            float add = mask == null ? 0f : mask.get(bi, 0, mask.size(2) == 1 ? 0 : i, j);
                            m[(bi * t + i) * s + j] = hidden ? Float.NEGATIVE_INFINITY : add;
                        }
                    }
                }
                Tensor context = Attention.scaledDotProduct(q, k, v, Tensor.of(m, b, 1, t, s), scale).context();
                return Attention.mergeHeads(context).toArray();                          // [B, T, H·D]
            } finally {
                Backend.use(previous);
            }
        }

        /** The kernel, reading the views in place and writing {@code [B, T, H·D]}. */
        float[] run(Kernels kernels) {
            float[] out = new float[b * t * h * d];
            Strided mk = null;
            if (mask != null) {
                int[] st = mask.strides();
                mk = new Strided(mask.data(), mask.offset(), st[0], 0, mask.size(2) == 1 ? 0 : st[2], st[3]);
            }
            kernels.attention(new AttentionOperands(b, h, t, s, d, strided(q), strided(k), strided(v), mk,
                    new Strided(out, 0, t * h * d, d, h * d, 1), scale, causal, window));
            return out;
        }

        private static Strided strided(Tensor x) {
            int[] st = x.strides();
            return new Strided(x.data(), x.offset(), st[0], st[1], st[2], st[3]);
        }

        private static Tensor additive(AdditiveMask kind, int b, int t, int s, Random r) {
            float masked = -Float.MAX_VALUE;                     // HF's torch.finfo(float32).min
            return switch (kind) {
                case NONE -> null;
                case PADDING, FULLY_PADDED_ROW -> {
                    float[] m = new float[b * s];                 // [B, 1, 1, S]
                    for (int bi = 0; bi < b; bi++) {
                        for (int j = 0; j < s; j++) {
                            boolean pad = kind == AdditiveMask.FULLY_PADDED_ROW && bi == b - 1
                                    || j >= s - (bi + 1) * s / 4;
                            m[bi * s + j] = !pad ? 0.3f * (float) r.nextGaussian()
                                    : kind == AdditiveMask.FULLY_PADDED_ROW ? Float.NEGATIVE_INFINITY : masked;
                        }
                    }
                    yield Tensor.of(m, b, 1, 1, s);
                }
                case CAUSAL_PADDING -> {
                    float[] m = new float[b * t * s];             // [B, 1, T, S], left padding of row 0
                    for (int bi = 0; bi < b; bi++) {
                        for (int i = 0; i < t; i++) {
                            for (int j = 0; j < s; j++) {
                                boolean allowed = j <= s - t + i && (bi == 1 || j >= s / 3);
                                m[(bi * t + i) * s + j] = allowed ? 0f : masked;
                            }
                        }
                    }
                    yield Tensor.of(m, b, 1, t, s);
                }
            };
        }

        private static float[] random(Random r, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian();
            }
            return x;
        }

        @Override
        public String toString() {
            return "B=" + b + " H=" + h + " T=" + t + " S=" + s + " D=" + d + " mask=" + kind
                    + (causal ? " causal" : "") + (window > 0 ? " window=" + window : "");
        }
    }
}
