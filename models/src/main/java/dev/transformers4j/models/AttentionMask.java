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

    /**
     * A decoder's mask {@code [B, 1, T, P + T]}: query i (absolute position P + i) may attend to key j when
     * {@code j ≤ P + i} (causal, §3.2.3) and key j is not padding. Both conditions give one mask value, never
     * two added together.
     *
     * @param mask {@code [B, P + T]} 0/1 padding mask over cached and new positions
     */
    public static Tensor causal(int[] mask, int batch, int t) {
        int s = mask.length / batch;
        int past = s - t;
        float[] m = new float[batch * t * s];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s; j++) {
                    boolean allowed = j <= past + i && mask[b * s + j] != 0;
                    m[(b * t + i) * s + j] = allowed ? 0f : MASKED;
                }
            }
        }
        return Tensor.of(m, batch, 1, t, s);
    }
}
