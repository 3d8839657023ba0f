package dev.transformers4j.core.graph;

import dev.transformers4j.core.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collapses a {@link ComputationGraph} to a depth. The levels are the modules on the way to an operation,
 * skipping containers ({@code encoder.layer}) and the {@code skipped} names (the base model a task head wraps,
 * HF's {@code base_model_prefix}): depth 1 shows the model's top modules (embeddings, encoder, head), depth 2
 * their layers, then attention and feed-forward blocks, and so on; an operation is drawn itself when it sits
 * less deep than the depth. Edges between nodes carry the shapes of the tensors that flow.
 */
public final class GraphView {

    private final ComputationGraph graph;
    private final Set<String> hidden = new HashSet<>();
    private final Map<String, Diagram.Node> nodes = new LinkedHashMap<>();
    private final Map<String, Diagram.Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, Integer> opsUnder = new HashMap<>();     // module → operations it and its children ran

    private GraphView(ComputationGraph graph, Set<String> skipped) {
        this.graph = graph;
        hidden.addAll(graph.containers());
        hidden.addAll(skipped);
        hidden.add("");
    }

    /**
     * @param depth   1 or more
     * @param skipped module names that are not a level of their own
     */
    public static Diagram collapse(ComputationGraph graph, int depth, Set<String> skipped) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth: expected 1 or more but was " + depth);
        }
        return new GraphView(graph, skipped).build(depth);
    }

    private Diagram build(int depth) {
        if (graph.ops().stream().anyMatch(op -> op.name().equals("embedding"))) {
            node("input", "input", Diagram.Kind.INPUT, null);                 // drawn first
        }
        for (ComputationGraph.Op op : graph.ops()) {
            levels(op.module()).forEach(m -> opsUnder.merge(m, 1, Integer::sum));
        }
        String[] nodeOf = new String[graph.ops().size()];
        for (ComputationGraph.Op op : graph.ops()) {
            nodeOf[op.id()] = place(op, levels(op.module()), depth);
        }
        Set<Diagram.Edge> edges = new LinkedHashSet<>();
        Set<Integer> read = new HashSet<>();
        for (ComputationGraph.Op op : graph.ops()) {
            if (op.name().equals("embedding")) {          // ids → rows: the ids are the model's input
                int[] ids = Arrays.copyOf(op.shape(), op.shape().length - 1);
                String input = node("input", "input", Diagram.Kind.INPUT, null);
                edges.add(new Diagram.Edge(input, nodeOf[op.id()], Shape.str(ids)));
            }
        }
        for (ComputationGraph.Flow f : graph.flows()) {
            read.add(f.from());
            if (!nodeOf[f.from()].equals(nodeOf[f.to()])) {
                edges.add(new Diagram.Edge(nodeOf[f.from()], nodeOf[f.to()], Shape.str(f.shape())));
            }
        }
        for (ComputationGraph.Op op : graph.ops()) {
            if (!read.contains(op.id())) {
                String output = node("output", "output", Diagram.Kind.OUTPUT, null);
                edges.add(new Diagram.Edge(nodeOf[op.id()], output, Shape.str(op.shape())));
            }
        }
        return new Diagram(new ArrayList<>(nodes.values()), new ArrayList<>(clusters.values()), new ArrayList<>(edges));
    }

    /**
     * The id of the node that stands for {@code op} at this depth: the module at the depth, or the op itself when
     * it sits less deep. A module that ran one operation only ({@code Linear}, {@code LayerNorm}) is that operation:
     * it is drawn as the module at any depth.
     */
    private String place(ComputationGraph.Op op, List<String> levels, int depth) {
        int level = Math.min(depth, levels.size() + 1);                 // 1-based; levels.size() + 1 = the op
        for (int i = 0; i < level - 1; i++) {
            if (opsUnder.getOrDefault(levels.get(i), 0) == 1) {
                level = i + 1;
            }
        }
        String parent = null;
        for (int i = 0; i < level - 1; i++) {
            parent = cluster(levels.get(i), parent);
        }
        if (level > levels.size()) {
            return node("op" + op.id(), op.name(), Diagram.Kind.OP, parent);
        }
        String module = levels.get(level - 1);
        return node("m:" + module, label(module), Diagram.Kind.MODULE, parent);
    }

    /** The modules an operation of {@code module} runs inside, outermost first, hidden ones left out. */
    private List<String> levels(String module) {
        List<String> out = new ArrayList<>();
        for (int i = module.indexOf('.'); ; i = module.indexOf('.', i + 1)) {
            String prefix = i < 0 ? module : module.substring(0, i);
            if (!hidden.contains(prefix)) {
                out.add(prefix);
            }
            if (i < 0) {
                return out;
            }
        }
    }

    private String cluster(String module, String parent) {
        String key = "m:" + module;
        if (!clusters.containsKey(key)) {
            clusters.put(key, new Diagram.Cluster("c" + clusters.size(), label(module), parent == null ? null
                    : clusters.get(parent).id()));
        }
        return key;
    }

    /** The id of the node for {@code key}, created on first use. */
    private String node(String key, String label, Diagram.Kind kind, String clusterKey) {
        if (!nodes.containsKey(key)) {
            String cluster = clusterKey == null ? null : clusters.get(clusterKey).id();
            nodes.put(key, new Diagram.Node("n" + nodes.size(), label, kind, cluster));
        }
        return nodes.get(key).id();
    }

    /** {@code layer.0\nBertLayer}: the name below its nearest ancestor that is not a container, then the class. */
    private String label(String module) {
        int start = 0;
        for (int i = module.indexOf('.'); i >= 0; i = module.indexOf('.', i + 1)) {
            if (!graph.containers().contains(module.substring(0, i))) {
                start = i + 1;
            }
        }
        String name = module.substring(start);
        String type = graph.moduleTypes().getOrDefault(module, "");
        return type.isEmpty() ? name : name + "\n" + type;
    }
}
