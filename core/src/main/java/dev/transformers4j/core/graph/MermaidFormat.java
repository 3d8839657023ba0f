package dev.transformers4j.core.graph;

import java.util.Objects;

/**
 * Writes a {@link Diagram} as a Mermaid {@code flowchart TD} (GitHub and many Markdown viewers draw it): modules
 * are boxes, operations rounded, enclosing modules are {@code subgraph}s, edges are labelled with tensor shapes.
 */
public final class MermaidFormat {

    private MermaidFormat() {
    }

    public static String write(Diagram d) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        writeScope(d, null, "  ", out);
        for (Diagram.Edge e : d.edges()) {
            out.append("  ").append(e.from()).append(" -->|").append(quote(e.label())).append("| ")
                    .append(e.to()).append('\n');
        }
        return out.toString();
    }

    /** The nodes and clusters directly inside {@code cluster} (null: the top level), clusters recursively. */
    private static void writeScope(Diagram d, String cluster, String indent, StringBuilder out) {
        for (Diagram.Node n : d.nodes()) {
            if (Objects.equals(n.cluster(), cluster)) {
                String label = quote(n.label());
                out.append(indent).append(n.id()).append(switch (n.kind()) {
                    case MODULE -> "[" + label + "]";
                    case OP -> "(" + label + ")";
                    case INPUT, OUTPUT -> "([" + label + "])";
                }).append('\n');
            }
        }
        for (Diagram.Cluster c : d.clusters()) {
            if (Objects.equals(c.parent(), cluster)) {
                out.append(indent).append("subgraph ").append(c.id()).append(" [").append(quote(c.label())).append("]\n");
                writeScope(d, c.id(), indent + "  ", out);
                out.append(indent).append("end\n");
            }
        }
    }

    /** A Mermaid string: quotes as {@code #quot;}, line breaks as {@code <br/>}. */
    static String quote(String s) {
        return "\"" + s.replace("\"", "#quot;").replace("\n", "<br/>") + "\"";
    }
}
