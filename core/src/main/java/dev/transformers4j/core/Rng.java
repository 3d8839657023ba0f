package dev.transformers4j.core;

/**
 * A small, seedable random number generator (SplitMix64) whose whole state is one {@code long}, so a training
 * checkpoint can save and restore it exactly. {@link #global()} is the default source for dropout; seed it
 * with {@link #manualSeed}, as {@code torch.manual_seed}. Not thread-safe.
 */
public final class Rng {

    private static final Rng GLOBAL = new Rng(0x5EED);
    /** SplitMix64's increment (the golden ratio in 64 bits): the state after n draws is {@code state + n·GAMMA}. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The shared generator that dropout uses unless given another. */
    public static Rng global() {
        return GLOBAL;
    }

    /** Reseeds the shared generator. */
    public static void manualSeed(long seed) {
        GLOBAL.state = seed;
    }

    /** The state, for checkpoints. */
    public long state() {
        return state;
    }

    /** Restores a saved state. */
    public void setState(long s) {
        state = s;
    }

    /** 64 random bits. */
    public long nextLong() {
        return mix(state += GAMMA);
    }

    /**
     * Moves past {@code n} draws at once, as {@code n} calls of {@link #nextLong} would: SplitMix64 is counter-based
     * (draw i from state s is {@code mix(s + i·GAMMA)}, i = 1, 2, …), so a kernel can make the draws of a whole
     * tensor in any order, on any number of threads, and get the bits a sequential loop gets.
     */
    public void skip(long n) {
        state += n * GAMMA;
    }

    /** SplitMix64's output function: 64 well-mixed bits of the counter {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)}, 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }
}
