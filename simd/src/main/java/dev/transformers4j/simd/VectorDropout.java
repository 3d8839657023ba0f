package dev.transformers4j.simd;

import dev.transformers4j.core.Rng;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dropout's mask drawn a vector of counters at a time: each lane runs SplitMix64's output function on its own
 * counter ({@link Rng#mix}), so lane j of step i computes draw {@code first + i + j + 1}, exactly the bits
 * {@link dev.transformers4j.core.ReferenceKernels#dropout} draws one by one. Integer arithmetic only, so the
 * result cannot depend on how the JIT compiled the loop. The floats go through a species with as many lanes as
 * the longs (256-bit floats beside 512-bit longs).
 */
final class VectorDropout {

    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(L.vectorBitSize() / 2));
    private static final int N = L.length();
    /** Lane j holds {@code j·GAMMA}: the counters of one step are {@code base + LANE_STEPS}. */
    private static final LongVector LANE_STEPS;

    static {
        long[] steps = new long[N];
        for (int j = 0; j < N; j++) {
            steps[j] = j * Rng.GAMMA;
        }
        LANE_STEPS = LongVector.fromArray(L, steps, 0);
    }

    private VectorDropout() {
    }

    /**
     * {@code y[yOff + i] = x[xOff + i] · (r_i < dropBelow ? 0 : scale)} for the whole vectors of {@code n}, where
     * {@code r_i} is the top 24 bits of draw {@code first + i + 1} from state {@code seed}; returns how many
     * elements it did (a multiple of the lane count) — the caller finishes the tail.
     */
    static int apply(float[] x, int xOff, float[] y, int yOff, int n, int dropBelow, float scale, long seed,
                     long first) {
        int bound = L.loopBound(n);
        LongVector counter = LANE_STEPS.add(seed + (first + 1) * Rng.GAMMA);
        long step = N * Rng.GAMMA;
        FloatVector zero = FloatVector.zero(F);
        FloatVector kept = FloatVector.broadcast(F, scale);
        for (int i = 0; i < bound; i += N) {
            LongVector z = counter;
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            VectorMask<Long> keep = z.lanewise(VectorOperators.LSHR, 40).compare(VectorOperators.GE, dropBelow);
            FloatVector m = zero.blend(kept, keep.cast(F));
            FloatVector.fromArray(F, x, xOff + i).mul(m).intoArray(y, yOff + i);
            counter = counter.add(step);
        }
        return bound;
    }
}
