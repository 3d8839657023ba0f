package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;

/** Additive attention masks: 0 where a query may attend, the most negative float where it may not. */
public final class AttentionMask {

    /** HF adds {@code torch.finfo(float32).min} at masked positions. */
    public static final float MASKED = -Float.MAX_VALUE;

    private AttentionMask() {
    }

    /** A padding mask {@code [B, 1, 1, T]} from a {@code [B, T]} 0/1 mask; broadcasts over heads and queries. */
    public static Tensor padding(int[] mask, int batch, int length) {
        float[] m = new float[batch * length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mask[i] == 0 ? MASKED : 0f;
        }
        return Tensor.of(m, batch, 1, 1, length);
    }
}
