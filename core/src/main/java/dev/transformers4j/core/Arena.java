package dev.transformers4j.core;

import java.util.Arrays;

/**
 * Free float arrays kept by exact length (a hash table of stacks), for one thread at a time. An array asked for
 * comes from the stack of its length, or is null; an array given back is kept while the arena holds less than
 * {@link ArenaPool#maxBytes()}, making room by dropping lengths not asked for during this pass. Lengths not asked
 * for during the last {@value #STALE_SCOPES} forward passes are dropped when a pass ends, so shapes seen once (a long
 * prompt, a step of a growing cache) do not stay.
 */
final class Arena {

    static final int STALE_SCOPES = 16;

    private int[] lengths = new int[64];             // 0 marks an empty slot (length 0 is never kept)
    private Bucket[] buckets = new Bucket[64];
    private int size;
    private long retainedBytes;
    private long scope;                              // forward passes served, for dropping unused lengths

    private static final class Bucket {
        float[][] arrays = new float[2][];
        int count;
        long lastAsked;
    }

    /** A free array of exactly {@code n} floats (old contents), or null when there is none. */
    float[] take(int n) {
        Bucket b = bucket(n);
        b.lastAsked = scope;
        if (b.count == 0) {
            return null;
        }
        float[] a = b.arrays[--b.count];
        b.arrays[b.count] = null;
        retainedBytes -= 4L * n;
        return a;
    }

    /** Keeps {@code a} for reuse, unless that would exceed the limit (then the garbage collector has it). */
    void give(float[] a) {
        long bytes = 4L * a.length;
        if (a.length == 0 || retainedBytes + bytes > ArenaPool.maxBytes() && !trim(bytes)) {
            return;
        }
        if (Workspace.poison()) {
            Arrays.fill(a, Float.NaN);
        }
        Bucket b = bucket(a.length);
        if (b.count == b.arrays.length) {
            b.arrays = Arrays.copyOf(b.arrays, 2 * b.count);
        }
        b.arrays[b.count++] = a;
        retainedBytes += bytes;
    }

    /**
     * Drops the free arrays of lengths not asked for during this pass until {@code bytes} more fit under the limit;
     * whether they do now.
     */
    private boolean trim(long bytes) {
        for (int i = 0; i < lengths.length && retainedBytes + bytes > ArenaPool.maxBytes(); i++) {
            Bucket b = buckets[i];
            if (lengths[i] != 0 && b.lastAsked < scope) {
                retainedBytes -= 4L * lengths[i] * b.count;
                Arrays.fill(b.arrays, 0, b.count, null);
                b.count = 0;
            }
        }
        return retainedBytes + bytes <= ArenaPool.maxBytes();
    }

    /** Drops every free array. */
    void clear() {
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] != 0) {
                Arrays.fill(buckets[i].arrays, 0, buckets[i].count, null);
                buckets[i].count = 0;
            }
        }
        retainedBytes = 0;
    }

    long retainedBytes() {
        return retainedBytes;
    }

    /** The end of one forward pass: lengths nobody asked for lately are dropped. */
    void endScope() {
        scope++;
        boolean stale = false;
        for (int i = 0; i < lengths.length && !stale; i++) {
            stale = lengths[i] != 0 && scope - buckets[i].lastAsked > STALE_SCOPES;
        }
        if (stale) {
            int[] oldLengths = lengths;
            Bucket[] old = buckets;
            lengths = new int[oldLengths.length];
            buckets = new Bucket[old.length];
            size = 0;
            retainedBytes = 0;
            for (int i = 0; i < oldLengths.length; i++) {
                if (oldLengths[i] != 0 && scope - old[i].lastAsked <= STALE_SCOPES) {
                    put(oldLengths[i], old[i]);
                    retainedBytes += 4L * oldLengths[i] * old[i].count;
                }
            }
        }
    }

    private Bucket bucket(int n) {
        int mask = lengths.length - 1;
        for (int i = hash(n) & mask; ; i = (i + 1) & mask) {
            if (lengths[i] == n) {
                return buckets[i];
            }
            if (lengths[i] == 0) {
                if (2 * (size + 1) > lengths.length) {
                    grow();
                    return bucket(n);
                }
                Bucket b = new Bucket();
                lengths[i] = n;
                buckets[i] = b;
                size++;
                return b;
            }
        }
    }

    private void grow() {
        int[] oldLengths = lengths;
        Bucket[] old = buckets;
        lengths = new int[2 * oldLengths.length];
        buckets = new Bucket[2 * old.length];
        size = 0;
        for (int i = 0; i < oldLengths.length; i++) {
            if (oldLengths[i] != 0) {
                put(oldLengths[i], old[i]);
            }
        }
    }

    private void put(int n, Bucket b) {
        int mask = lengths.length - 1;
        int i = hash(n) & mask;
        while (lengths[i] != 0) {
            i = (i + 1) & mask;
        }
        lengths[i] = n;
        buckets[i] = b;
        size++;
    }

    private static int hash(int n) {
        int h = n * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
