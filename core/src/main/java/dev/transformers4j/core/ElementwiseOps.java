package dev.transformers4j.core;

import java.util.function.DoubleUnaryOperator;

/**
 * Functions applied to every element on its own: scalar arithmetic, the activations, dropout. Each backward
 * is the chain rule through the function, {@code ∂L/∂x = ∂L/∂y · f'(x)}, with f' written beside f.
 */
final class ElementwiseOps {

    private ElementwiseOps() {
    }

    /** {@code x · s}: {@code ∂L/∂x = s · ∂L/∂y}. */
    static Tensor mul(Tensor x, float s) {
        float[] out = CopyOps.copyOf(x);
        Backend.current().scale(out, 0, out.length, s);
        return Tensor.of(out, x.shape).derivedFrom("mul", x, g -> g.mul(s));
    }

    /** {@code x + s}: {@code ∂L/∂x = ∂L/∂y}. */
    static Tensor add(Tensor x, float s) {
        float[] out = CopyOps.copyOf(x);
        for (int i = 0; i < out.length; i++) {
            out[i] += s;
        }
        return Tensor.of(out, x.shape).derivedFrom("add", x, g -> g);
    }

    /** {@code f} of every element; not differentiable (an arbitrary f has no known derivative), so recording it throws. */
    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        if (Tensor.wouldRecord(x, null)) {
            throw new IllegalStateException("map(f) cannot be differentiated; pass the derivative too: map(f, df), "
                    + "or compute it under Grad.noGrad");
        }
        return apply(x, f);
    }

    /** {@code f} of every element, with its derivative {@code df}: {@code ∂L/∂x = ∂L/∂y · f'(x)}. */
    static Tensor map(Tensor x, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        return apply(x, f).derivedFrom("map", x, g -> chain(g, x, df));
    }

    private static Tensor apply(Tensor x, DoubleUnaryOperator f) {
        float[] out = CopyOps.copyOf(x);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(out[i]);
        }
        return Tensor.of(out, x.shape);
    }

    /**
     * The chain rule through an element-wise function: {@code ∂L/∂x = ∂L/∂y · f'(x)}.
     *
     * @param g  {@code ∂L/∂y}
     * @param x  the function's input, same shape
     * @param df the derivative {@code f'}
     */
    private static Tensor chain(Tensor g, Tensor x, DoubleUnaryOperator df) {
        float[] gx = g.toArray();
        float[] xs = x.toArray();
        for (int i = 0; i < gx.length; i++) {
            gx[i] = (float) (gx[i] * df.applyAsDouble(xs[i]));
        }
        return Tensor.of(gx, x.shape());
    }

    /** {@code tanh x}; {@code tanh' = 1 − tanh²}. */
    static Tensor tanh(Tensor x) {
        return x.map(Math::tanh, v -> 1 - Math.tanh(v) * Math.tanh(v));
    }

    /** SiLU / swish, {@code x·σ(x)}; {@code silu' = σ(x)·(1 + x·(1 − σ(x)))}. */
    static Tensor silu(Tensor x) {
        return x.map(v -> v / (1.0 + Math.exp(-v)),
                v -> MathFunctions.sigmoid(v) * (1 + v * (1 - MathFunctions.sigmoid(v))));
    }

    /** {@code max(x, 0)}; {@code relu' = [x > 0]}, so {@code ∂L/∂x = ∂L/∂y} where x > 0 and 0 elsewhere. */
    static Tensor relu(Tensor x) {
        float[] out = CopyOps.copyOf(x);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] > 0 ? out[i] : 0f;                 // a plain loop the JIT vectorises
        }
        return Tensor.of(out, x.shape).derivedFrom("relu", x, g -> reluBackward(g, x));
    }

    private static Tensor reluBackward(Tensor g, Tensor x) {
        float[] gx = g.toArray();
        float[] xs = x.toArray();
        for (int i = 0; i < gx.length; i++) {
            gx[i] = xs[i] > 0 ? gx[i] : 0f;
        }
        return Tensor.of(gx, x.shape);
    }

    /** Exact GELU (erf form), {@code x·Φ(x)}; {@code gelu' = Φ(x) + x·φ(x)} ({@link #geluBackward}). */
    static Tensor gelu(Tensor x) {
        float[] out = CopyOps.copyOf(x);
        Backend.current().geluErf(out, 0, out.length);
        return Tensor.of(out, x.shape).derivedFrom("gelu", x, g -> geluBackward(g, x, false));
    }

    /** Tanh-approximated GELU, {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} ({@link #geluBackward}). */
    static Tensor geluTanh(Tensor x) {
        float[] out = CopyOps.copyOf(x);
        Backend.current().geluTanh(out, 0, out.length);
        return Tensor.of(out, x.shape).derivedFrom("geluTanh", x, g -> geluBackward(g, x, true));
    }

    /**
     * The chain rule through GELU, {@code ∂L/∂x = ∂L/∂y · GELU'(x)}, by the backend's kernel
     * ({@link Kernels#geluErfBackward}, {@link Kernels#geluTanhBackward}; the derivatives are written out in
     * {@link MathFunctions#geluErfDerivative} and {@link MathFunctions#geluTanhDerivative}).
     *
     * @param tanh the tanh approximation ("gelu_new") rather than the exact erf form
     */
    private static Tensor geluBackward(Tensor g, Tensor x, boolean tanh) {
        float[] gx = g.toArray();
        float[] xs = x.isContiguous() ? x.data() : x.toArray();
        int xOff = x.isContiguous() ? x.offset() : 0;
        if (tanh) {
            Backend.current().geluTanhBackward(xs, xOff, gx, 0, gx.length);
        } else {
            Backend.current().geluErfBackward(xs, xOff, gx, 0, gx.length);
        }
        return Tensor.of(gx, x.shape());
    }

    /**
     * Inverted dropout (Srivastava et al., 2014): each element is zeroed with probability {@code p} and the rest
     * are scaled by {@code 1/(1 − p)}, so the expected value is unchanged; {@code ∂L/∂x = ∂L/∂y ⊙ mask}. The mask
     * is never stored: it is a function of the generator's state before the call ({@link Kernels#dropout}), taken
     * here and advanced past the {@code n} draws, and backward applies it again from that state.
     */
    static Tensor dropout(Tensor x, double p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability: expected a value in [0, 1) but was " + p);
        }
        if (p == 0) {
            return x;
        }
        long seed = rng.state();
        rng.skip(x.numel());                                   // the draws of this mask, one per element
        return dropoutMask(x, p, seed).derivedFrom("dropout", x, g -> dropoutMask(g, p, seed));
    }

    /** {@code t ⊙ mask} for the mask that {@code seed} draws, into a fresh tensor. */
    private static Tensor dropoutMask(Tensor t, double p, long seed) {
        float[] in = t.isContiguous() ? t.data() : t.toArray();
        int off = t.isContiguous() ? t.offset() : 0;
        float[] out = Workspace.floats(t.numel());         // every element is written
        Backend.current().dropout(in, off, out, 0, out.length, p, seed, 0);
        return Tensor.of(out, t.shape());
    }
}
