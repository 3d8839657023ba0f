package dev.transformers4j.core.graph;

import dev.transformers4j.core.OpListener;
import dev.transformers4j.core.OpTrace;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.HookHandle;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.ModuleList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records the computation graph of one real forward pass: module hooks on every module keep the current module's
 * name, and an {@link OpTrace} tags each tensor operation with it and links it to the operations whose results it
 * reads. Nothing is recorded outside {@link #record}, and other threads running the same model are not recorded.
 */
public final class GraphRecorder implements OpListener {

    private final Thread thread = Thread.currentThread();
    private final Deque<String> modules = new ArrayDeque<>();
    private final List<ComputationGraph.Op> ops = new ArrayList<>();
    private final List<ComputationGraph.Flow> flows = new ArrayList<>();
    private final Map<Tensor, Integer> producers = new IdentityHashMap<>();

    private GraphRecorder() {
    }

    /** Runs {@code forward} (which must call {@code root}'s forward) and returns what it computed. */
    public static ComputationGraph record(Module root, Runnable forward) {
        GraphRecorder r = new GraphRecorder();
        try (HookHandle pre = root.registerForwardPreHook("**", (name, m, in) -> r.enter(name));
             HookHandle post = root.registerForwardHook("**", (name, m, in, out) -> r.exit())) {
            OpTrace.run(r, forward);
        }
        Map<String, String> types = new HashMap<>();
        Set<String> containers = new HashSet<>();
        root.forEachModule((name, m) -> {
            types.putIfAbsent(name, m.getClass().getSimpleName());
            if (m instanceof ModuleList<?>) {
                containers.add(name);
            }
        });
        return new ComputationGraph(r.ops, r.flows, types, containers);
    }

    private void enter(String module) {
        if (Thread.currentThread() == thread) {
            modules.push(module);
        }
    }

    private void exit() {
        if (Thread.currentThread() == thread) {
            modules.pop();
        }
    }

    @Override
    public void op(String name, Tensor output, Tensor a, Tensor b, Tensor c) {
        int id = ops.size();
        ops.add(new ComputationGraph.Op(id, name, modules.isEmpty() ? "" : modules.peek(), output.shape().clone()));
        for (Tensor in : new Tensor[] {a, b, c}) {
            Integer from = in == null ? null : producers.get(in);
            if (from != null) {
                flows.add(new ComputationGraph.Flow(from, id, in.shape().clone()));
            }
        }
        producers.put(output, id);
    }
}
