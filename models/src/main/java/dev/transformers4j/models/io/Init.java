package dev.transformers4j.models.io;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;

/**
 * HF's weight initialisation ({@code _init_weights}): weights normal(0, initializer_range), biases 0,
 * LayerNorm weight 1 and bias 0. A LayerNorm is recognised by its module type, whatever its name
 * (BERT's {@code LayerNorm}, GPT-2's {@code ln_1}, {@code ln_f}).
 */
public final class Init {

    private Init() {
    }

    /** Initialises the named parameters of {@code model}. */
    public static void initialize(Module model, Collection<String> names, double std, long seed) {
        Random rng = new Random(seed);
        Set<Parameter> norms = Collections.newSetFromMap(new IdentityHashMap<>());
        model.forEachModule((path, m) -> {
            if (m instanceof LayerNorm) {
                m.forEachParameter((name, p) -> norms.add(p));
            }
        });
        model.forEachParameter((name, p) -> {
            if (names.contains(name)) {
                p.set(name, initial(name, p, norms.contains(p), std, rng));
            }
        });
    }

    private static Tensor initial(String name, Parameter p, boolean layerNorm, double std, Random rng) {
        int[] shape = p.shape();
        if (layerNorm && name.endsWith("weight") || name.endsWith("LayerNorm.weight")) {
            return Tensor.full(1f, shape);
        }
        if (name.endsWith("bias")) {
            return Tensor.zeros(shape);
        }
        float[] v = new float[Tensor.zeros(shape).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        return Tensor.of(v, shape);
    }
}
