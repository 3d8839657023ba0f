package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward hooks and pre-hooks on a small tree: names, order, arguments, removal, errors, tied modules. */
class ModuleHooksTest {

    /** {@code relu(fc(x))}. */
    static final class Block extends Module {
        final Linear fc = child("fc", new Linear(2, 2));

        Tensor forward(Tensor x) {
            ForwardCall call = enter(x);
            return call.exit(fc.forward(x).relu());
        }
    }

    /** Two blocks, then {@code head} (also reachable as {@code alias}: a tied module). */
    static final class Net extends Module {
        final ModuleList<Block> blocks = child("blocks", new ModuleList<>());
        final Linear head = child("head", new Linear(2, 1));

        Net() {
            blocks.add(new Block());
            blocks.add(new Block());
            child("alias", head);
            forEachParameter((name, p) -> p.set(name, Tensor.full(0.5f, p.value().shape())));
        }

        Tensor forward(Tensor x) {
            return enter(x).exit(head.forward(blocks.get(1).forward(blocks.get(0).forward(x))));
        }
    }

    private static final Tensor X = Tensor.of(new float[] {1, -2}, 1, 2);

    @Test
    void forwardHooksSeeNameModuleInputsAndOutputInCallOrder() {
        Net net = new Net();
        List<String> log = new ArrayList<>();
        List<Object> outputs = new ArrayList<>();
        HookHandle h = net.registerForwardHook("blocks.*", (name, module, inputs, output) -> {
            log.add(name + " " + module.getClass().getSimpleName() + " in=" + ((Tensor) inputs.get(0)).toArray()[0]);
            outputs.add(output);
        });
        assertThat(h.modules()).containsExactly("blocks.0", "blocks.1");
        Tensor y = net.forward(X);
        // fc(x) = 0.5·(1 − 2) + 0.5 = 0 per row → relu 0; block 1 sees zeros
        assertThat(log).containsExactly("blocks.0 Block in=1.0", "blocks.1 Block in=0.0");
        assertThat(((Tensor) outputs.get(1)).toArray()).containsExactly(0.5f, 0.5f);   // relu(0.5·0 + 0.5)
        assertThat(y.toArray()).containsExactly(1f);                                     // 0.5·0.5·2 + 0.5
    }

    @Test
    void preHooksRunBeforeTheModuleAndItsChildren() {
        Net net = new Net();
        List<String> log = new ArrayList<>();
        net.registerForwardPreHook("**.fc", (name, m, in) -> log.add("pre " + name));
        net.registerForwardPreHook("blocks.0", (name, m, in) -> log.add("pre " + name + " " + in.size()));
        net.registerForwardHook("blocks.0", (name, m, in, out) -> log.add("post " + name));
        net.forward(X);
        assertThat(log).containsExactly("pre blocks.0 1", "pre blocks.0.fc", "post blocks.0", "pre blocks.1.fc");
    }

    @Test
    void removedHooksAreNotCalledAndLeaveNoMachineryBehind() {
        Net net = new Net();
        List<String> log = new ArrayList<>();
        HookHandle keep = net.registerForwardHook("head", (name, m, in, out) -> log.add("keep"));
        try (HookHandle h = net.registerForwardHook("**", (name, m, in, out) -> log.add(name))) {
            net.forward(X);
            assertThat(log).contains("blocks.0.fc", "head", "", "keep");
        }
        log.clear();
        net.forward(X);
        assertThat(log).containsExactly("keep");
        keep.remove();
        keep.remove();                                   // twice: nothing happens
        log.clear();
        net.forward(X);
        assertThat(log).isEmpty();
        net.forEachModule((name, m) -> assertThat(m.hooks()).as(name).isNull());
        try (Workspace.Off off = Workspace.disabled()) {   // in inference enter opens a workspace frame
            assertThat(net.enter(X)).isSameAs(ForwardCall.NONE);
        }
    }

    @Test
    void aTiedModuleGetsTheHookOnceUnderItsFirstName() {
        Net net = new Net();
        List<String> log = new ArrayList<>();
        HookHandle h = net.registerForwardHook("*", (name, m, in, out) -> log.add(name));
        assertThat(h.modules()).containsExactly("blocks", "head");
        net.forward(X);
        assertThat(log).containsExactly("head");        // ModuleList has no forward of its own
    }

    @Test
    void aPatternMatchingNothingNamesItselfAndTheNearestNames() {
        Net net = new Net();
        assertThatThrownBy(() -> net.registerForwardHook("blocks.0.fx", (n, m, in, out) -> { }))
                .isInstanceOf(NoSuchModuleException.class)
                .hasMessageStartingWith("no module matches 'blocks.0.fx'; nearest names: blocks.0.fc, ");
        assertThatThrownBy(() -> net.registerForwardPreHook("decoder.*", (n, m, in) -> { }))
                .isInstanceOf(NoSuchModuleException.class)
                .hasMessageContaining("'decoder.*'").hasMessageContaining("blocks");
    }
}
