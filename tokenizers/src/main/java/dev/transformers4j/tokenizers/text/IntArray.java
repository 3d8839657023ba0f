package dev.transformers4j.tokenizers.text;

import java.util.Arrays;

/** A growable {@code int[]}. */
final class IntArray {
    private int[] data;
    private int size;

    IntArray(int capacity) {
        data = new int[Math.max(4, capacity)];
    }

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = value;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
