package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Linear;
import dev.transformers4j.core.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link Workspace} on tiny modules (the tests run it in poison mode: recycled arrays hold NaN until written):
 * what a forward returns outlives later forwards, temporaries are reused, zeros are zeros, a return value of
 * unknown type and frames left by exceptions are never recycled.
 */
class WorkspaceTest {

    /** {@code fc2(gelu(fc1(x)))} with odd sizes; its temporaries are fc1's output and the GELU. */
    static final class Mlp extends Module {
        final Linear fc1 = child("fc1", new Linear(7, 37));
        final Linear fc2 = child("fc2", new Linear(37, 5));

        Mlp() {
            Random r = new Random(3);
            forEachParameter((name, p) -> {
                float[] v = new float[p.value().numel()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
                p.set(name, Tensor.of(v, p.shape()));
            });
        }

        Tensor forward(Tensor x) {
            ForwardCall call = enter(x);
            if (x.size(-1) != 7) {
                throw new IllegalArgumentException("x: expected 7 features");
            }
            return call.exit(fc2.forward(fc1.forward(x).gelu()));
        }
    }

    /** Returns its output inside an object the workspace cannot look into. */
    static final class Opaque extends Module {
        final Mlp mlp = child("mlp", new Mlp());

        List<Object> forward(Tensor x) {
            ForwardCall call = enter(x);
            return call.exit(List.of("a box", new Box(mlp.forward(x))));
        }
    }

    record Box(Object content) {
    }

    /**
     * Asks the workspace for two arrays of the length of the two temporaries an {@link Mlp} of 4 rows gave back
     * (NaN-filled in poison mode) and records what it got.
     */
    static final class Probe extends Module {
        final List<float[]> seen = new ArrayList<>();

        Tensor forward(Tensor x) {
            ForwardCall call = enter(x);
            seen.add(Workspace.zeros(4 * 37).clone());       // copies: the arrays themselves go back at exit
            seen.add(Workspace.floats(4 * 37).clone());
            return call.exit(x);
        }
    }

    static Tensor input(int rows, long seed) {
        Random r = new Random(seed);
        float[] v = new float[rows * 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, rows, 7);
    }

    static float[] off(Mlp m, Tensor x) {
        try (Workspace.Off o = Workspace.disabled()) {
            return m.forward(x).toArray();
        }
    }

    @Test
    void outputsOutliveLaterForwardsAndTemporariesAreReused() {
        Mlp m = new Mlp();
        Tensor x = input(3, 1);
        Tensor kept = m.forward(x);
        float[] keptValues = kept.toArray();
        long reusedBefore = Workspace.counters()[0];
        for (int i = 0; i < 6; i++) {
            Tensor other = input(i % 2 == 0 ? 3 : 1 + i, 10 + i);        // same shape, other shapes
            assertThat(m.forward(other).toArray()).isEqualTo(off(m, other));
        }
        assertThat(kept.toArray()).isEqualTo(keptValues).isEqualTo(off(m, x));
        assertThat(Workspace.counters()[0]).as("arrays reused").isGreaterThan(reusedBefore);
        assertThat(kept.data()).hasSize(kept.numel());                   // exact lengths
    }

    @Test
    void zerosAreZeroAndFloatsHaveTheExactLengthInsideAForward() {
        Mlp m = new Mlp();
        for (int i = 0; i < 3; i++) {
            m.forward(input(4, i));                                        // recycles arrays of 4 × 37 and 4 × 5
        }
        Probe probe = new Probe();
        long reused = Workspace.counters()[0];
        probe.forward(input(4, 9));
        assertThat(Workspace.counters()[0]).as("recycled arrays handed out").isEqualTo(reused + 2);
        List<float[]> seen = probe.seen;
        assertThat(seen.get(0)).hasSize(4 * 37).containsOnly(0f);
        assertThat(seen.get(1)).hasSize(4 * 37);
    }

    @Test
    void aReturnValueOfUnknownTypeKeepsEverything() {
        Opaque o = new Opaque();
        List<Object> kept = o.forward(input(2, 4));
        Tensor inside = (Tensor) ((Box) kept.get(1)).content();         // [2, 5]
        float[] values = inside.toArray();
        for (int i = 0; i < 4; i++) {
            o.forward(input(2, 20 + i));
            o.mlp.forward(input(2, 30 + i));
        }
        assertThat(inside.toArray()).isEqualTo(values);
    }

    @Test
    void framesLeftByAnExceptionAreNeverRecycled() {
        Mlp failing = new Mlp();
        Linear other = new Mlp().fc1;                                      // a sub-module: not a root
        assertThatThrownBy(() -> failing.forward(Tensor.zeros(2, 3))).hasMessageContaining("expected 7");
        Tensor kept = other.forward(input(2, 5));                          // runs inside the stale frame
        float[] values = kept.toArray();
        for (int i = 0; i < 4; i++) {
            failing.forward(input(2, 40 + i));                             // drops the stale frame
            other.forward(input(2, 50 + i));
        }
        assertThat(kept.toArray()).isEqualTo(values);
        try (Workspace.Off o = Workspace.disabled()) {
            assertThat(other.forward(input(2, 5)).toArray()).isEqualTo(values);
        }
    }
}
