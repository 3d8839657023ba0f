package dev.transformers4j.core.graph;

import java.util.Objects;

/**
 * Writes a {@link Diagram} in Graphviz's DOT language ({@code dot -Tsvg} draws it): modules are boxes, operations
 * ovals, enclosing modules are {@code cluster} subgraphs, edges are labelled with tensor shapes.
 */
public final class DotFormat {

    private DotFormat() {
    }

    public static String write(Diagram d) {
        StringBuilder out = new StringBuilder("digraph model {\n");
        out.append("  rankdir=TB;\n");
        out.append("  graph [fontname=\"Helvetica\", fontsize=11];\n");
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e8eef9\", fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        writeScope(d, null, "  ", out);
        for (Diagram.Edge e : d.edges()) {
            out.append("  ").append(e.from()).append(" -> ").append(e.to())
                    .append(" [label=").append(quote(e.label())).append("];\n");
        }
        return out.append("}\n").toString();
    }

    /** The nodes and clusters directly inside {@code cluster} (null: the top level), clusters recursively. */
    private static void writeScope(Diagram d, String cluster, String indent, StringBuilder out) {
        for (Diagram.Node n : d.nodes()) {
            if (Objects.equals(n.cluster(), cluster)) {
                out.append(indent).append(n.id()).append(" [label=").append(quote(n.label())).append(style(n.kind()))
                        .append("];\n");
            }
        }
        for (Diagram.Cluster c : d.clusters()) {
            if (Objects.equals(c.parent(), cluster)) {
                out.append(indent).append("subgraph cluster_").append(c.id()).append(" {\n");
                out.append(indent).append("  label=").append(quote(c.label())).append(";\n");
                out.append(indent).append("  style=\"rounded\"; color=\"#8899bb\";\n");
                writeScope(d, c.id(), indent + "  ", out);
                out.append(indent).append("}\n");
            }
        }
    }

    private static String style(Diagram.Kind kind) {
        return switch (kind) {
            case OP -> ", shape=ellipse, fillcolor=\"#fff4d6\"";
            case INPUT, OUTPUT -> ", shape=oval, fillcolor=\"#dff3e4\"";
            case MODULE -> "";
        };
    }

    /** A DOT string: quotes and backslashes escaped, line breaks as {@code \n}. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
