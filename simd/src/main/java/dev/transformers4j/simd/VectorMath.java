package dev.transformers4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental loops: softmax's exponentials and the two GELUs, over whole vectors.
 *
 * <p>{@code exp} is the JDK's {@code lanewise(EXP)}, which HotSpot compiles to its vectorised math
 * library on x86 (about 0.3 ns per element here, within an ulp or so). Each loop is self-contained on
 * purpose: a helper taking or returning a vector is often compiled on its own before the loop that
 * calls it, is then too big to inline, and every call boxes its vectors.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final float SQRT_HALF = 0.70710678118654752f;
    private static final float SQRT_2_OVER_PI = 0.79788456080286536f;
    private static final float INV_SQRT_2PI = 0.39894228040143268f;

    private VectorMath() {
    }

    /** {@code x[i] = exp(x[i] − shift)} over {@code [off, off + bound)} ({@code bound} a multiple of V); returns their sum. */
    static float expShifted(float[] x, int off, int bound, float shift) {
        FloatVector sum = FloatVector.zero(S);
        for (int i = off; i < off + bound; i += V) {
            FloatVector e = FloatVector.fromArray(S, x, i).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(x, i);
            sum = sum.add(e);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Exact GELU in place, {@code x·Φ(x) = ½·x·erfc(−x/√2)}, with erfc from Numerical Recipes' Chebyshev
     * fit {@code erfc(u) = t·exp(−u² + P(t))}, {@code t = 1/(1 + u/2)}, u ≥ 0, fractional error below
     * 1.2e-7; for x ≥ 0 it uses {@code erfc(−u) = 2 − erfc(u)}, so both tails keep their relative accuracy.
     */
    static void geluErf(float[] x, int off, int bound) {
        for (int i = off; i < off + bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector erfcU = erfcOfAbsOverSqrt2(v);
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
            v.div(minus2y.lanewise(VectorOperators.EXP).add(1f)).intoArray(x, i);
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
            FloatVector s = FloatVector.broadcast(S, 1f).div(minus2y.lanewise(VectorOperators.EXP).add(1f));
            FloatVector dy = v2.mul(3f * 0.044715f).add(1f).mul(SQRT_2_OVER_PI);
            FloatVector d = s.mul(s.neg().add(1f)).mul(v).mul(dy).mul(2f).add(s);
            d.mul(FloatVector.fromArray(S, g, gOff + i)).intoArray(g, gOff + i);
        }
    }

    /** {@code g[i] *= Φ(x[i]) + x[i]·φ(x[i])}, the exact GELU's derivative, Φ from the erfc fit of {@link #geluErf}. */
    static void geluErfBackward(float[] x, int xOff, float[] g, int gOff, int bound) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector halfErfc = erfcOfAbsOverSqrt2(v).mul(0.5f);
            FloatVector cdf = one.sub(halfErfc).blend(halfErfc, v.lt(0f));   // Φ(x)
            FloatVector pdf = v.mul(v).mul(-0.5f).lanewise(VectorOperators.EXP).mul(INV_SQRT_2PI);
            cdf.add(v.mul(pdf)).mul(FloatVector.fromArray(S, g, gOff + i)).intoArray(g, gOff + i);
        }
    }

    /**
     * {@code erfc(|x|/√2)} by Numerical Recipes' Chebyshev fit {@code erfc(u) = t·exp(−u² + P(t))},
     * {@code t = 1/(1 + u/2)}, fractional error below 1.2e-7.
     */
    private static FloatVector erfcOfAbsOverSqrt2(FloatVector v) {
        FloatVector u = v.abs().mul(SQRT_HALF);
        FloatVector t = FloatVector.broadcast(S, 1f).div(u.mul(0.5f).add(1f));
        FloatVector p = t.mul(0.17087277f).add(-0.82215223f);
        p = p.mul(t).add(1.48851587f);
        p = p.mul(t).add(-1.13520398f);
        p = p.mul(t).add(0.27886807f);
        p = p.mul(t).add(-0.18628806f);
        p = p.mul(t).add(0.09678418f);
        p = p.mul(t).add(0.37409196f);
        p = p.mul(t).add(1.00002368f);
        p = p.mul(t).add(-1.26551223f);
        return t.mul(u.neg().fma(u, p).lanewise(VectorOperators.EXP));
    }
}
