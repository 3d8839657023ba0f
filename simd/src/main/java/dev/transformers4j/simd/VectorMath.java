package dev.transformers4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental loops (softmax's exponentials, the two GELUs and their derivatives) and the two building
 * blocks every vector kernel shares: {@link #exp(FloatVector)} and the fixed-order lane sum {@link #sum(FloatVector)}.
 *
 * <p><b>Deterministic by construction.</b> Both are written with lane-wise IEEE arithmetic only (+, −, ×, ÷, fused
 * multiply-add, min/max, comparisons, blends and integer bit operations), whose results the Java specification fixes
 * bit for bit, so a kernel gives the same bits whether it runs interpreted, C1- or C2-compiled, on any thread. The
 * JDK's {@code lanewise(EXP)} does not: it runs per-lane {@code Math.exp} until C2 compiles the loop and a vector
 * math library afterwards, which differ in the last bit; and {@code reduceLanes(ADD)} leaves the order of the lane
 * additions to the compiler (sequential when interpreted, a tree when compiled).
 *
 * <p>The helpers are small enough for C2 to inline into every loop that calls them (checked with
 * {@code -XX:+PrintInlining}); each loop keeps its vectors in registers.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final float SQRT_HALF = 0.70710678118654752f;
    private static final float SQRT_2_OVER_PI = 0.79788456080286536f;
    private static final float INV_SQRT_2PI = 0.39894228040143268f;

    // exp: e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cephes' expf)
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 in two parts (the float nearest ln 2, and the rest), so that {@code x − n·ln 2} loses nothing. */
    private static final float LN2_HI = 0.693147182464599609375f;
    private static final float LN2_LO = -1.90465429995776763e-9f;
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, left in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B40_0000;
    /**
     * Below this e^x is under 2^−125 and flushes to 0 (a masked score, −∞, must give exactly 0); above the
     * upper bound it is +∞ anyway, and clamping keeps the exponent arithmetic in range.
     */
    private static final float EXP_MIN = -86.98f;
    private static final float EXP_MAX = 89f;
    /** Cephes' minimax polynomial for (e^r − 1 − r) / r², doubled (the scale below is 2^(n−1)). */
    private static final float P0 = 2 * 1.9875691500e-4f;
    private static final float P1 = 2 * 1.3981999507e-3f;
    private static final float P2 = 2 * 8.3334519073e-3f;
    private static final float P3 = 2 * 4.1665795894e-2f;
    private static final float P4 = 2 * 1.6666665459e-1f;
    private static final float P5 = 2 * 5.0000001201e-1f;

    // Lane rotations by 8, 4, 2, 1 (those below V): the fixed pairwise tree of {@link #sum}. Each is a constant of
    // its own, unrolled in sum: read from an array inside a loop, C2 did not intrinsify the rearrange and boxed
    // every vector (a third of a pass's allocation, JFR).
    private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
    private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
    private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
    private static final VectorShuffle<Float> ROTATE_1 = rotation(1);

    static {
        if (V > 16) {
            throw new ExceptionInInitializerError("sum: no float species is wider than 16 lanes, but this one has " + V);
        }
    }

    private static VectorShuffle<Float> rotation(int h) {
        return h < V ? VectorShuffle.iota(S, h, 1, true) : null;
    }

    private VectorMath() {
    }

    /**
     * e^x in every lane, Cephes' {@code expf} from arithmetic alone: {@code n = round(x·log₂e)} by the 1.5·2²³
     * trick, {@code r = x − n·ln 2} with two fused multiply-adds, {@code e^r = 1 + r + r²·P(r)} (degree-5
     * minimax), and 2ⁿ built in the exponent bits. Maximum error 1.013 ulp of the exact e^x, measured over every
     * float in [−86.98, 88.72] ({@code VectorMathTest} sweeps every 61st); below −86.98 the result is 0
     * (e^x &lt; 2^−125: the float range's last octaves are flushed), above 88.72 +∞, NaN gives NaN.
     * Identical bits interpreted or compiled, on every JDK.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.min(EXP_MAX);   // below EXP_MIN the lanes compute garbage (or NaN, for −∞), then blend to 0
        FloatVector t = xc.fma(LOG2E, ROUND);                        // 1.5·2²³ + n
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), xc);
        r = n.fma(x.broadcast(-LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, x.broadcast(P2));
        p = p.fma(r, x.broadcast(P3));
        p = p.fma(r, x.broadcast(P4));
        p = p.fma(r, x.broadcast(P5));
        FloatVector twoExpR = p.fma(r.mul(r), r.add(r)).add(2f);     // 2·e^r = 2 + 2r + r²·2P(r)
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 126)   // 2^(n−1): exponent field n − 1 + 127
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return twoExpR.mul(scale).blend(0f, x.lt(EXP_MIN));
    }

    /**
     * The sum of the lanes in a fixed order (a pairwise tree: lane i + lane i + V/2, then the halves of that…),
     * unlike {@code reduceLanes(ADD)}, whose order changes when C2 compiles the caller.
     */
    static float sum(FloatVector v) {
        if (V > 8) {
            v = v.add(v.rearrange(ROTATE_8));
        }
        if (V > 4) {
            v = v.add(v.rearrange(ROTATE_4));
        }
        if (V > 2) {
            v = v.add(v.rearrange(ROTATE_2));
        }
        if (V > 1) {
            v = v.add(v.rearrange(ROTATE_1));
        }
        return v.lane(0);
    }

    /** {@code x[i] = exp(x[i] − shift)} over {@code [off, off + bound)} ({@code bound} a multiple of V); returns their sum. */
    static float expShifted(float[] x, int off, int bound, float shift) {
        FloatVector sum = FloatVector.zero(S);
        for (int i = off; i < off + bound; i += V) {
            FloatVector e = exp(FloatVector.fromArray(S, x, i).sub(shift));
            e.intoArray(x, i);
            sum = sum.add(e);
        }
        return sum(sum);
    }

    /**
     * Exact GELU in place, {@code x·Φ(x) = ½·x·erfc(−x/√2)}, erfc from {@link #scaledErfc}; for x ≥ 0 it uses
     * {@code erfc(−u) = 2 − erfc(u)}, so both tails keep their relative accuracy.
     */
    static void geluErf(float[] x, int off, int bound) {
        for (int i = off; i < off + bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector erfcU = scaledErfc(v).mul(exp(v.mul(v).mul(-0.5f)));   // erfc(|x|/√2)
            FloatVector negative = v.mul(0.5f).mul(erfcU);     // x < 0:  ½·x·erfc(|x|/√2)
            FloatVector positive = v.sub(negative);            // x ≥ 0:  ½·x·(2 − erfc(x/√2))
            positive.blend(negative, v.lt(0f)).intoArray(x, i);
        }
    }

    /**
     * Tanh GELU in place, {@code ½·x·(1 + tanh(y))}, {@code y = √(2/π)·(x + 0.044715·x³)}, evaluated as the
     * equal {@code x / (1 + exp(−2y))}, which stays accurate in both tails.
     */
    static void geluTanh(float[] x, int off, int bound) {
        for (int i = off; i < off + bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector minus2y = v.mul(v).mul(0.044715f).add(1f).mul(v).mul(-2f * SQRT_2_OVER_PI);
            v.div(exp(minus2y).add(1f)).intoArray(x, i);
        }
    }

    /**
     * {@code g[i] *= GELU'(x[i])} for the tanh GELU: with {@code s = σ(2y) = 1/(1 + exp(−2y))} (so
     * {@code tanh y = 2s − 1}), {@code GELU' = s + 2·x·s·(1 − s)·√(2/π)·(1 + 3·0.044715·x²)}.
     */
    static void geluTanhBackward(float[] x, int xOff, float[] g, int gOff, int bound) {
        for (int i = 0; i < bound; i += V) {
            // beyond |x| = 20 the derivative is 0 or 1 in float; clamping keeps x·s·(1 − s) from 0·∞
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).max(-20f).min(20f);
            FloatVector v2 = v.mul(v);
            FloatVector minus2y = v2.mul(0.044715f).add(1f).mul(v).mul(-2f * SQRT_2_OVER_PI);
            FloatVector s = FloatVector.broadcast(S, 1f).div(exp(minus2y).add(1f));
            FloatVector dy = v2.mul(3f * 0.044715f).add(1f).mul(SQRT_2_OVER_PI);
            FloatVector d = s.mul(s.neg().add(1f)).mul(v).mul(dy).mul(2f).add(s);
            d.mul(FloatVector.fromArray(S, g, gOff + i)).intoArray(g, gOff + i);
        }
    }

    /**
     * {@code g[i] *= Φ(x[i]) + x[i]·φ(x[i])}, the exact GELU's derivative: one exponential, {@code e^(−x²/2)},
     * serves both φ and the erfc of Φ (two exponentials made the loop too large for C2 to inline the second).
     */
    static void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int bound) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector gauss = exp(v.mul(v).mul(-0.5f));                     // e^(−x²/2)
            FloatVector halfErfc = scaledErfc(v).mul(gauss).mul(0.5f);
            FloatVector cdf = one.sub(halfErfc).blend(halfErfc, v.lt(0f));   // Φ(x)
            FloatVector pdf = gauss.mul(INV_SQRT_2PI);                        // φ(x)
            cdf.add(v.mul(pdf)).mul(FloatVector.fromArray(S, g, gOff + i)).intoArray(g, gOff + i);
        }
    }

    /**
     * The scaled complementary error function {@code erfcx(u) = e^(u²)·erfc(u)} at {@code u = |x|/√2}, as
     * {@code t·Q(t)} with {@code t = 1/(1 + u/2)} (the variable of Numerical Recipes' erfc fit) and Q a degree-10
     * polynomial fitted to {@code erfcx(u)/t} on t ∈ (0, 1] (relative error 1.1e-8, 1.4e-7 with float rounding),
     * so that {@code erfc(|x|/√2) = scaledErfc(x)·e^(−x²/2)} shares its exponential with φ(x).
     */
    private static FloatVector scaledErfc(FloatVector v) {
        FloatVector t = FloatVector.broadcast(S, 1f).div(v.abs().mul(0.5f * SQRT_HALF).add(1f));
        FloatVector q = t.fma(0.0423540771f, -0.230865106f);
        q = q.fma(t, v.broadcast(0.48619476f));
        q = q.fma(t, v.broadcast(-0.446996212f));
        q = q.fma(t, v.broadcast(0.127102897f));
        q = q.fma(t, v.broadcast(-0.0572384633f));
        q = q.fma(t, v.broadcast(0.0930022299f));
        q = q.fma(t, v.broadcast(0.175376564f));
        q = q.fma(t, v.broadcast(0.246880606f));
        q = q.fma(t, v.broadcast(0.282093853f));
        q = q.fma(t, v.broadcast(0.282094806f));
        return t.mul(q);
    }
}
