package dev.transformers4j.models;

import dev.transformers4j.core.Tensor;

/**
 * The keys and values of past tokens ({@code past_key_values}), kept so each decoding step computes
 * attention for its new tokens only. Memory for the whole generation is allocated once: per layer a key
 * and a value buffer {@code [B, H, capacity, D]}; a step writes its new positions and attends over a view
 * of the filled part.
 */
public final class KVCache {

    private final int layers;
    private final int batch;
    private final int heads;
    private final int capacity;
    private final int headSize;
    private final float[][] keys;
    private final float[][] values;
    private float[][] spareKeys;       // beam search reorders into these, then swaps: no allocation per step
    private float[][] spareValues;
    private int length;

    public KVCache(int layers, int batch, int heads, int capacity, int headSize) {
        this.layers = layers;
        this.batch = batch;
        this.heads = heads;
        this.capacity = capacity;
        this.headSize = headSize;
        this.keys = new float[layers][batch * heads * capacity * headSize];
        this.values = new float[layers][batch * heads * capacity * headSize];
    }

    /** The number of positions already cached. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public int batch() {
        return batch;
    }

    /**
     * Writes this step's keys and values {@code [B, H, T, D]} of {@code layer} after the cached ones and
     * returns views of all of them, {@code [B, H, length + T, D]}. Call {@link #advance} once every layer is done.
     */
    public KeyValues append(int layer, Tensor k, Tensor v) {
        int t = k.size(2);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " positions exceed its capacity "
                    + capacity);
        }
        write(keys[layer], k);
        write(values[layer], v);
        return new KeyValues(view(keys[layer], length + t), view(values[layer], length + t));
    }

    /** Marks {@code t} more positions as cached (after all layers appended them). */
    public void advance(int t) {
        length += t;
    }

    /** The cached keys of a layer, {@code [B, H, length, D]}. */
    public Tensor keys(int layer) {
        return view(keys[layer], length);
    }

    /** The cached values of a layer, {@code [B, H, length, D]}. */
    public Tensor values(int layer) {
        return view(values[layer], length);
    }

    /** Row {@code i} of the batch becomes a copy of row {@code rows[i]} (beam search keeps its best beams). */
    public void reorder(int[] rows) {
        if (rows.length != batch) {
            throw new IllegalArgumentException("reorder needs " + batch + " rows but got " + rows.length);
        }
        if (spareKeys == null) {
            spareKeys = new float[layers][keys[0].length];
            spareValues = new float[layers][values[0].length];
        }
        int per = heads * capacity * headSize;
        int used = length * headSize;
        for (int l = 0; l < layers; l++) {
            reorder(keys[l], spareKeys[l], rows, per, used);
            reorder(values[l], spareValues[l], rows, per, used);
            float[] k = keys[l];
            keys[l] = spareKeys[l];
            spareKeys[l] = k;
            float[] v = values[l];
            values[l] = spareValues[l];
            spareValues[l] = v;
        }
    }

    private void reorder(float[] buf, float[] out, int[] rows, int per, int used) {
        for (int i = 0; i < rows.length; i++) {
            for (int h = 0; h < heads; h++) {
                int src = rows[i] * per + h * capacity * headSize;
                int dst = i * per + h * capacity * headSize;
                System.arraycopy(buf, src, out, dst, used);
            }
        }
    }

    private void write(float[] buf, Tensor x) {
        int t = x.size(2);
        Tensor c = x.contiguous();
        float[] d = c.data();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int src = c.offset() + ((b * heads + h) * t) * headSize;
                int dst = ((b * heads + h) * capacity + length) * headSize;
                System.arraycopy(d, src, buf, dst, t * headSize);
            }
        }
    }

    private Tensor view(float[] buf, int len) {
        return Tensor.of(buf, batch, heads, capacity, headSize).slice(2, 0, len);
    }
}
