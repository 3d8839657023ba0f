package dev.transformers4j.core.graph;

import java.util.List;

/**
 * A computation graph collapsed to a depth ({@link GraphView}), ready to be written as DOT or Mermaid: boxes for
 * modules, ovals for operations, nested clusters for the modules they sit in, edges labelled with tensor shapes.
 *
 * @param nodes    in first-use order
 * @param clusters parents before children
 */
public record Diagram(List<Node> nodes, List<Cluster> clusters, List<Edge> edges) {

    public Diagram {
        nodes = List.copyOf(nodes);
        clusters = List.copyOf(clusters);
        edges = List.copyOf(edges);
    }

    /** What a node stands for. */
    public enum Kind { INPUT, MODULE, OP, OUTPUT }

    /**
     * @param label   one or more lines, separated by {@code \n}
     * @param cluster the id of the innermost enclosing cluster, or null at the top level
     */
    public record Node(String id, String label, Kind kind, String cluster) {
    }

    /** A module drawn as a frame around the nodes inside it; {@code parent} is the enclosing cluster's id, or null. */
    public record Cluster(String id, String label, String parent) {
    }

    /** {@code label} is the shape of the tensor that flows, such as {@code [1, 4, 7, 7]}. */
    public record Edge(String from, String to, String label) {
    }
}
