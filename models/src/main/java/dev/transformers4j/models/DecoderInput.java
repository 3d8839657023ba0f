package dev.transformers4j.models;

import java.util.Arrays;

/**
 * One step of a decoder: {@code ids} and {@code positionIds} {@code [B, T]} for the new tokens, and
 * {@code attentionMask} {@code [B, P + T]} over the P cached positions and the new ones (1 = real token,
 * 0 = padding).
 */
public record DecoderInput(int batch, int length, int[] ids, int[] positionIds, int[] attentionMask) {

    public DecoderInput {
        if (ids.length != batch * length || positionIds.length != batch * length
                || attentionMask.length % Math.max(batch, 1) != 0 || attentionMask.length / Math.max(batch, 1) < length) {
            throw new IllegalArgumentException("decoder input [" + batch + ", " + length + "]: " + ids.length
                    + " ids, " + positionIds.length + " positions, " + attentionMask.length + " mask values");
        }
    }

    /** The total attended length P + T. */
    public int keyLength() {
        return batch == 0 ? 0 : attentionMask.length / batch;
    }

    /** A right-padded (or unpadded) batch at positions 0..T−1, as a plain forward pass. */
    public static DecoderInput of(TokenBatch in) {
        int[] pos = new int[in.batch() * in.length()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i % in.length();
        }
        return new DecoderInput(in.batch(), in.length(), in.ids(), pos, in.attentionMask());
    }

    /**
     * A left-padded prompt batch with HF generate()'s positions: {@code cumsum(mask) − 1}, padded positions 1.
     */
    public static DecoderInput leftPaddedPrompt(TokenBatch in) {
        int t = in.length();
        int[] pos = new int[in.batch() * t];
        for (int b = 0; b < in.batch(); b++) {
            int seen = 0;
            for (int i = 0; i < t; i++) {
                seen += in.attentionMask()[b * t + i];
                pos[b * t + i] = in.attentionMask()[b * t + i] == 0 ? 1 : seen - 1;
            }
        }
        return new DecoderInput(in.batch(), t, in.ids(), pos, in.attentionMask());
    }

    @Override
    public String toString() {
        return "DecoderInput[" + batch + ", " + length + "] ids " + Arrays.toString(ids);
    }
}
