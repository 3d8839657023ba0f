package dev.transformers4j.simd;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.KernelsProvider;

/**
 * Registers the {@code "vector"} backend with {@link dev.transformers4j.core.Backend}. This class must
 * load without the incubator module: it names no Vector API type, and {@link VectorKernels} (which does)
 * is only touched by {@link #create(int)}, after {@link #isAvailable()} said yes.
 */
public final class VectorKernelsProvider implements KernelsProvider {

    @Override
    public String name() {
        return Backend.VECTOR;
    }

    @Override
    public boolean isAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Override
    public Kernels create(int threads) {
        return new VectorKernels(threads);
    }
}
