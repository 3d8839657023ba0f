package dev.transformers4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.graph.ComputationGraph;
import dev.transformers4j.core.graph.Diagram;
import dev.transformers4j.core.graph.DotFormat;
import dev.transformers4j.core.graph.GraphRecorder;
import dev.transformers4j.core.graph.GraphView;
import dev.transformers4j.core.graph.MermaidFormat;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.testing.Golden;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The computation graph of one forward pass of the golden tiny BERT (2 layers, 4 heads, C = 64, 7 tokens) and
 * Marian, collapsed to several depths, and its DOT and Mermaid text.
 */
class ComputationGraphTest {

    private static final PretrainedModel BERT = AutoModel.fromPretrained(Golden.dir("bert-mlm"));   // BertForMaskedLM

    private static ComputationGraph bertGraph() {
        JsonNode in = Golden.testCase(Golden.json("bert-mlm.json"), "single_short").get("inputs");
        TokenBatch batch = TokenBatch.of(Golden.ints(in.get("input_ids")));                        // [1, 7]
        return GraphRecorder.record(BERT.module(), () -> BERT.forward(batch, ForwardOptions.DEFAULT));
    }

    private static Diagram collapse(ComputationGraph g, PretrainedModel m, int depth) {
        return GraphView.collapse(g, depth, Set.of(m.baseModelPrefix()));
    }

    @Test
    void everyOperationIsRecordedInItsModule() {
        ComputationGraph g = bertGraph();
        // q, k, v, W^O, W_1, W_2 in each of 2 layers, then the head's transform and decoder
        assertThat(g.ops().stream().filter(o -> o.name().equals("linear")).map(ComputationGraph.Op::module).toList())
                .hasSize(14)
                .contains("bert.encoder.layer.0.attention.self.query", "bert.encoder.layer.1.output.dense",
                        "cls.predictions.transform.dense", "cls.predictions");
        assertThat(g.ops().getLast().shape()).containsExactly(1, 7, 1000);                       // logits [B, T, V]
    }

    @Test
    void depthOneShowsTheTopModulesAndDepthTwoEveryLayer() {
        ComputationGraph g = bertGraph();
        Diagram top = collapse(g, BERT, 1);
        assertThat(labels(top)).containsExactly("input", "embeddings\nBertEmbeddings", "encoder\nBertEncoder",
                "cls\nCls", "output");
        assertThat(edge(top, "embeddings\nBertEmbeddings", "encoder\nBertEncoder")).isEqualTo("[1, 7, 64]");
        assertThat(edge(top, "input", "embeddings\nBertEmbeddings")).isEqualTo("[1, 7]");
        assertThat(edge(top, "cls\nCls", "output")).isEqualTo("[1, 7, 1000]");

        Diagram layers = collapse(g, BERT, 2);
        assertThat(labels(layers)).contains("layer.0\nBertLayer", "layer.1\nBertLayer", "predictions\nPredictions");
        assertThat(edge(layers, "layer.0\nBertLayer", "layer.1\nBertLayer")).isEqualTo("[1, 7, 64]");
        assertThat(layers.clusters()).extracting(Diagram.Cluster::label).contains("encoder\nBertEncoder");
    }

    @Test
    void theDeepestLevelShowsTheAttentionOperationsWithTheirShapes() {
        Diagram ops = collapse(bertGraph(), BERT, 10);
        assertThat(labels(ops)).contains("matmul", "scaleMaskSoftmax", "gelu", "add", "linear");
        assertThat(labels(ops)).contains("query\nLinear", "LayerNorm\nLayerNorm");     // one op each: drawn as the module
        Set<String> softmaxToMatmul = new HashSet<>();
        for (Diagram.Edge e : ops.edges()) {
            if (label(ops, e.from()).equals("scaleMaskSoftmax") && label(ops, e.to()).equals("matmul")) {
                softmaxToMatmul.add(e.label());
            }
        }
        assertThat(softmaxToMatmul).containsExactly("[1, 4, 7, 7]");                            // [B, H, T, T]
        assertThat(ops.clusters()).extracting(Diagram.Cluster::label).contains("self\nBertSelfAttention");
    }

    @Test
    void marianEncoderOutputFlowsIntoTheDecoder() {
        MarianMTModel m = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));
        TokenBatch source = TokenBatch.of(5, 6, 7, 8, 0);
        int[] target = {m.decoderStartTokenId(), 9, 10};
        ComputationGraph g = GraphRecorder.record(m, () -> m.forward(source, target, ForwardOptions.DEFAULT));
        Diagram top = collapse(g, m, 1);
        assertThat(edge(top, "encoder\nMarianEncoder", "decoder\nMarianDecoder")).isEqualTo("[1, 5, 64]");
        assertThat(labels(collapse(g, m, 3))).contains("encoder_attn\nMarianAttention", "self_attn\nMarianAttention");
    }

    @Test
    void dotAndMermaidTextIsWellFormed() {
        ComputationGraph g = bertGraph();
        for (int depth : new int[] {1, 2, 3, 10}) {
            Diagram d = collapse(g, BERT, depth);
            checkDot(DotFormat.write(d), d);
            checkMermaid(MermaidFormat.write(d), d);
        }
    }

    private static void checkDot(String dot, Diagram d) {
        assertThat(dot).startsWith("digraph model {\n").endsWith("}\n");
        assertThat(count(dot, "{")).isEqualTo(count(dot, "}")).isEqualTo(1 + d.clusters().size());
        Set<String> declared = declared(dot, Pattern.compile("^\\s*(n\\d+) \\[label=", Pattern.MULTILINE));
        Matcher m = Pattern.compile("^\\s*(n\\d+) -> (n\\d+) \\[label=\"\\[[0-9, ]+]\"];$", Pattern.MULTILINE).matcher(dot);
        int edges = 0;
        while (m.find()) {
            assertThat(declared).contains(m.group(1), m.group(2));
            edges++;
        }
        assertThat(edges).isEqualTo(d.edges().size()).isPositive();
    }

    private static void checkMermaid(String mermaid, Diagram d) {
        assertThat(mermaid).startsWith("flowchart TD\n");
        assertThat(count(mermaid, "subgraph ")).isEqualTo(countLines(mermaid, "end")).isEqualTo(d.clusters().size());
        Set<String> declared = declared(mermaid, Pattern.compile("^\\s*(n\\d+)[\\[(]", Pattern.MULTILINE));
        Matcher m = Pattern.compile("^\\s*(n\\d+) -->\\|\"\\[[0-9, ]+]\"\\| (n\\d+)$", Pattern.MULTILINE).matcher(mermaid);
        int edges = 0;
        while (m.find()) {
            assertThat(declared).contains(m.group(1), m.group(2));
            edges++;
        }
        assertThat(edges).isEqualTo(d.edges().size()).isPositive();
        assertThat(count(mermaid, "\"") % 2).isZero();
    }

    private static Set<String> declared(String text, Pattern p) {
        Set<String> ids = new HashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            assertThat(ids.add(m.group(1))).as("declared once: " + m.group(1)).isTrue();
        }
        return ids;
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    private static int countLines(String s, String line) {
        return (int) s.lines().filter(l -> l.strip().equals(line)).count();
    }

    private static List<String> labels(Diagram d) {
        return d.nodes().stream().map(Diagram.Node::label).toList();
    }

    private static String label(Diagram d, String id) {
        return d.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow().label();
    }

    /** The label of the one edge between the nodes labelled {@code from} and {@code to}. */
    private static String edge(Diagram d, String from, String to) {
        List<String> found = d.edges().stream()
                .filter(e -> label(d, e.from()).equals(from) && label(d, e.to()).equals(to))
                .map(Diagram.Edge::label).toList();
        assertThat(found).as(from + " -> " + to).hasSize(1);
        return found.get(0);
    }
}
