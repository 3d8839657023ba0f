package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack runner: what it records, under which module paths, and that layer hooks still fire. */
class LayerStackTest {

    record Options(boolean outputHiddenStates, boolean outputAttentions) implements LayerStack.Options {
    }

    /** {@code x + step}, with x·10 as its "attention" and, when it has one, x·100 as its cross-attention. */
    static final class AddLayer extends Module {
        final float step;
        final boolean cross;

        AddLayer(float step, boolean cross) {
            this.step = step;
            this.cross = cross;
        }

        LayerOutput forward(Tensor x) {
            ForwardCall call = enter(x);
            return call.exit(new LayerOutput(x.add(Tensor.full(step, x.shape())), x.mul(10f),
                    cross ? x.mul(100f) : null));
        }
    }

    /** A base model {@code encoder.layer.{0,1,2}} adding 1, 2, 3, with a final {@code norm} that doubles. */
    static final class Model extends Module {
        final Encoder encoder = child("encoder", new Encoder());
        final Module norm = child("norm", new Module() { });
    }

    static final class Encoder extends Module {
        final ModuleList<AddLayer> layer = child("layer", new ModuleList<>());

        Encoder() {
            for (int i = 1; i <= 3; i++) {
                layer.add(new AddLayer(i, i == 2));
            }
        }
    }

    /** A task model holding the base model under {@code base}, as HF's {@code bert.} prefix. */
    static final class Head extends Module {
        final Model base = child("base", new Model());
    }

    private static final Tensor X = Tensor.of(new float[] {1}, 1, 1, 1);

    private static LayerStack.Output run(Model m, LayerStack.Options options) {
        return LayerStack.run(m.encoder.layer, X, (layer, i, x) -> layer.forward(x), options);
    }

    @Test
    void withNothingAskedOnlyTheLastHiddenStateIsReturned() {
        LayerStack.Output r = run(new Model(), new Options(false, false));
        assertThat(r.lastHiddenState().item()).isEqualTo(7f);              // 1 + 1 + 2 + 3
        assertThat(r.hiddenStates()).isEmpty();
        assertThat(r.attentions()).isEmpty();
        assertThat(r.crossAttentions()).isEmpty();
        assertThat(r.hiddenStateNames("embeddings", new Model())).isEmpty();
    }

    @Test
    void recordsTheInputEveryOutputAndEveryAttentionWithTheLayersModulePaths() {
        Head head = new Head();
        LayerStack.Output r = run(head.base, new Options(true, true));
        assertThat(r.hiddenStates()).extracting(Tensor::item).containsExactly(1f, 2f, 4f, 7f);
        assertThat(r.attentions()).extracting(Tensor::item).containsExactly(10f, 20f, 40f);
        assertThat(r.crossAttentions()).extracting(Tensor::item).containsExactly(200f);   // layer 1 only
        assertThat(r.hiddenStateNames("embeddings", head.base))
                .containsExactly("embeddings", "encoder.layer.0", "encoder.layer.1", "encoder.layer.2");
        assertThat(r.hiddenStateNames("embeddings", head)).element(1).isEqualTo("base.encoder.layer.0");
    }

    @Test
    void aFinalNormReplacesTheLastHiddenStateAndIsAddedToItsName() {
        Model m = new Model();
        LayerStack.Output r = run(m, new Options(true, false));
        Tensor normed = r.lastHiddenState().mul(2f);
        r = r.withFinalNorm(m.norm, normed);
        assertThat(r.lastHiddenState()).isSameAs(normed);
        assertThat(r.hiddenStates()).extracting(Tensor::item).containsExactly(1f, 2f, 4f, 14f);
        assertThat(r.hiddenStateNames("wte + wpe", m)).last().isEqualTo("encoder.layer.2 + norm");
    }

    @Test
    void layerHooksFireUnderTheirNamesInOrder() {
        Head head = new Head();
        List<String> seen = new ArrayList<>();
        try (HookHandle h = head.registerForwardHook("base.encoder.layer.*", (name, m, in, out) ->
                seen.add(name + " " + ((LayerOutput) out).hiddenState().item()))) {
            run(head.base, new Options(false, false));
        }
        assertThat(seen).containsExactly("base.encoder.layer.0 2.0", "base.encoder.layer.1 4.0",
                "base.encoder.layer.2 7.0");
    }

    @Test
    void aModulePathIsTakenFromAnAncestorOnly() {
        Head head = new Head();
        AddLayer layer = head.base.encoder.layer.get(2);
        assertThat(layer.pathFrom(head)).isEqualTo("base.encoder.layer.2");
        assertThat(layer.pathFrom(head.base.encoder)).isEqualTo("layer.2");
        assertThat(layer.pathFrom(layer)).isEmpty();
        assertThatThrownBy(() -> layer.pathFrom(new Model()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("module 'base.encoder.layer.2' is not inside the given ancestor");
    }
}
