package dev.transformers4j.simd;

import static dev.transformers4j.simd.MatmulSweepTest.SIZES;
import static dev.transformers4j.simd.MatmulSweepTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.ReferenceKernels;
import dev.transformers4j.core.Rng;
import dev.transformers4j.core.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector dropout must draw exactly the reference's mask — the same bits for the same seed, whatever the
 * size, offset, start in the stream or thread count — since training on either backend must be repeatable.
 */
class DropoutSweepTest {

    private static final int OFF = 5;
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();

    @Test
    void theVectorMaskIsBitForBitTheReferenceMask() {
        Kernels[] vectors = {new VectorKernels(1), new VectorKernels(2), new VectorKernels(3)};
        for (int n : SIZES) {
            for (double p : new double[] {0.1, 0.5, 1e-9}) {
                for (long first : new long[] {0, 3}) {
                    float[] x = random(new Random(n), OFF + n + 2);
                    float[] expected = random(new Random(-n), n + 1);
                    REFERENCE.dropout(x, OFF, expected, 1, n, p, 0xC0FFEEL + n, first);
                    for (Kernels k : vectors) {
                        float[] y = random(new Random(-n), n + 1);
                        k.dropout(x, OFF, y, 1, n, p, 0xC0FFEEL + n, first);
                        assertThat(y).as("n=%d p=%s first=%d on %s", n, p, first, k).containsExactly(expected);
                    }
                }
            }
        }
    }

    @Test
    void aMaskSplitOverThreadsIsTheReferenceMask() {
        for (int n : new int[] {32_768, 100_003}) {
            float[] x = random(new Random(n), n + 3);
            float[] expected = new float[n];
            REFERENCE.dropout(x, 3, expected, 0, n, 0.1, 31, 7);
            for (int threads : new int[] {2, 3}) {
                float[] y = new float[n];
                new VectorKernels(threads).dropout(x, 3, y, 0, n, 0.1, 31, 7);
                assertThat(y).as("n=%d on %d threads", n, threads).containsExactly(expected);
            }
        }
    }

    @Test
    void inPlaceGivesTheSameResult() {
        float[] x = random(new Random(1), 4099);
        float[] expected = new float[4099];
        REFERENCE.dropout(x, 0, expected, 0, 4099, 0.2, 77, 0);
        new VectorKernels(2).dropout(x, 0, x, 0, 4099, 0.2, 77, 0);
        assertThat(x).containsExactly(expected);
    }

    @Test
    void aTrainingStepsMasksAndGradientsAreTheSameOnBothBackends() {
        float[][] results = new float[2][];
        Kernels previous = Backend.current();
        Kernels[] backends = {REFERENCE, new VectorKernels(2)};
        try {
            for (int b = 0; b < 2; b++) {
                Backend.use(backends[b]);
                Tensor x = Tensor.of(random(new Random(9), 2 * 3 * 17 * 17), 2, 3, 17, 17).requiresGrad(true);
                Tensor y = x.dropout(0.1, new Rng(2024));
                y.mul(y).sum().backward();
                float[] both = new float[2 * x.numel()];
                System.arraycopy(y.toArray(), 0, both, 0, x.numel());
                System.arraycopy(x.grad().toArray(), 0, both, x.numel(), x.numel());
                results[b] = both;
            }
        } finally {
            Backend.use(previous);
        }
        assertThat(results[1]).containsExactly(results[0]);
    }
}
