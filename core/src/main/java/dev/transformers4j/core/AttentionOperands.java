package dev.transformers4j.core;

/**
 * The operands of one fused attention call, {@link Kernels#attention}: for every batch row b and head h,
 * <pre>  context[b, h] = softmax(Q[b, h]·K[b, h]ᵀ·scale + mask[b, h])·V[b, h]</pre>
 * with Q {@code [B, H, T, D]}, K and V {@code [B, H, S, D]}, the context {@code [B, H, T, D]}, each read through
 * its own strides, so the heads of a {@code [B, T, H·D]} projection or of a KV cache are read where they are and
 * the context is written straight into {@code [B, T, H·D]}.
 *
 * <p>Besides the additive {@code mask}, two masks are folded in (a masked score is −∞). Query i of the T new
 * tokens sits at position {@code p = S − T + i} (the S − T keys before it came from a cache):
 * <ul>
 *   <li>{@code causal}: it sees the keys {@code j ≤ p} (§3.2.3);</li>
 *   <li>{@code window} W > 0 (Mistral's {@code sliding_window}): it sees the keys {@code j > p − W}.</li>
 * </ul>
 * A row whose every score is −∞ attends uniformly to all S keys, as {@link Kernels#softmaxRows} defines it.
 *
 * @param batch     B
 * @param heads     H
 * @param queries   T, the query rows per head
 * @param keys      S, the key (and value) rows per head
 * @param headSize  D
 * @param q         the queries {@code [B, H, T, D]}
 * @param k         the keys {@code [B, H, S, D]}
 * @param v         the values {@code [B, H, S, D]}
 * @param mask      an additive mask over {@code [B, H, T, S]} (a stride of 0 broadcasts), or null
 * @param context   where the result goes, {@code [B, H, T, D]}
 * @param scale     multiplies {@code Q·Kᵀ} before the mask is added ({@code 1/√D} in the paper)
 * @param causal    whether query i sees only the keys up to its own position
 * @param window    the sliding window W (0 = none)
 */
public record AttentionOperands(int batch, int heads, int queries, int keys, int headSize,
                                Strided q, Strided k, Strided v, Strided mask, Strided context,
                                float scale, boolean causal, int window) {

    /**
     * A 4-dimensional region of a float array: element {@code (b, h, r, c)} is at
     * {@code offset + b·batchStride + h·headStride + r·rowStride + c·colStride}.
     */
    public record Strided(float[] data, int offset, int batchStride, int headStride, int rowStride, int colStride) {

        /** The index of element {@code (b, h, r, 0)}. */
        public int at(int b, int h, int r) {
            return offset + b * batchStride + h * headStride + r * rowStride;
        }
    }

    public AttentionOperands {
        if (batch < 1 || heads < 1 || queries < 1 || keys < 1 || headSize < 1) {
            throw new IllegalArgumentException("attention sizes: expected B, H, T, S, D ≥ 1 but were " + batch + ", "
                    + heads + ", " + queries + ", " + keys + ", " + headSize);
        }
        if (window < 0) {
            throw new IllegalArgumentException("window: expected 0 (none) or a positive width but was " + window);
        }
        unitColumns("q", q);
        unitColumns("k", k);
        unitColumns("v", v);
        unitColumns("context", context);
    }

    private static void unitColumns(String name, Strided x) {
        if (x == null || x.colStride() != 1) {
            throw new IllegalArgumentException(name + ": expected rows of D contiguous floats (column stride 1) but "
                    + (x == null ? "was null" : "the column stride was " + x.colStride()));
        }
    }

    /** The first key query {@code i} may see: 0, or {@code p − W + 1} in a sliding window. */
    public int firstKey(int i) {
        return window == 0 ? 0 : Math.max(0, keys - queries + i - window + 1);
    }

    /** One past the last key query {@code i} may see: S, or {@code p + 1} when causal. */
    public int endKey(int i) {
        return causal ? Math.max(0, Math.min(keys, keys - queries + i + 1)) : keys;
    }
}
