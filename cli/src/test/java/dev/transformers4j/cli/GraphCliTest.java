package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.cli.inspect.Graphviz;
import dev.transformers4j.models.testing.GoldenMarian;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j graph} on the golden tiny models and the built-in MiniLM: formats, depths, inputs, bad input. */
class GraphCliTest {

    @TempDir
    Path tmp;

    private static String bert() {
        return CliTest.golden("bert-mlm").toString();
    }

    @Test
    void mermaidAtDepthTwoListsEveryLayerOfTheGoldenBert() {
        CliRun r = CliRun.of("graph", "--model", bert(), "--depth", "2", "--format", "mermaid", "--ids", "2,5,6,7,3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("flowchart TD\n")
                .contains("[\"layer.0<br/>BertLayer\"]", "[\"layer.1<br/>BertLayer\"]", "-->|\"[1, 5, 64]\"|");
    }

    @Test
    void textIsTokenizedByTheModelsTokenizerAndDotIsWrittenToAFile() throws IOException {
        Path file = tmp.resolve("minilm.dot");
        CliRun r = CliRun.of("graph", "--model", "all-MiniLM-L6-v2", "--depth", "2", "--format", "dot", "--out",
                file.toString(), "Hello", "world");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + file + " (");
        String dot = Files.readString(file);
        assertThat(dot).startsWith("digraph model {\n")
                .contains("label=\"layer.5\\nBertLayer\"")
                .contains("label=\"[1, 4, 384]\"");                     // [CLS] hello world [SEP]
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);                      // no temporary file left behind
        }
    }

    @Test
    void marianRunsTheSourceAndTheDecoderStartToken() {
        String model = GoldenMarian.folderWithTokenizer(tmp.resolve("marian")).toString();
        CliRun r = CliRun.of("graph", "--model", model, "--depth", "1", "--format", "mermaid", "t5 t6 t7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[\"encoder<br/>MarianEncoder\"]", "[\"decoder<br/>MarianDecoder\"]")
                .contains("-->|\"[1, 4, 64]\"|")                          // t5 t6 t7 </s> encoded: [B, S, C]
                .contains("-->|\"[1, 1, 1000]\"|");                       // logits of the start token: [B, T, V]
    }

    @Test
    void withoutAnInputItRunsAShortSentenceOrAFewIdsAndSaysSo() {
        CliRun text = CliRun.of("graph", "--model", "all-MiniLM-L6-v2", "--depth", "1", "--format", "dot");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("digraph model {\n").contains("label=\"[1, 7, 384]\"");  // [CLS] + 5 + [SEP]
        assertThat(text.err().strip()).isEqualTo("graph: no TEXT or --ids given: running \"Attention is all you need\"");

        CliRun ids = CliRun.of("graph", "--model", bert(), "--depth", "1", "--format", "mermaid");
        assertThat(ids.exitCode()).as(ids.err()).isZero();
        assertThat(ids.out()).contains("-->|\"[1, 4]\"|");
        assertThat(ids.err()).contains("running the ids 1,2,3,4 (the folder has no tokenizer)");
        assertThat(CliRun.of("graph", "--help").out().replaceAll("\\s+", " ")).contains("Without TEXT or --ids it runs \"Attention is all"
                + " you need\"");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        String[][] cases = {
                {"--format", "png", "--ids", "2,3"},
                {"--format", "dot", "--depth", "0", "--ids", "2,3"},
                {"--format", "dot", "--ids", "2,3", "two", "inputs"},
                {"--format", "dot", "--ids", "2,x"},
        };
        String[] expected = {"--format: expected dot, svg or mermaid but was 'png'", "--depth: expected 1 or more but was 0",
                "give the input either as TEXT or as --ids 1,2,3, not both", "--ids"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "graph";
            args[1] = "--model";
            args[2] = bert();
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("t4j graph: ").contains(expected[i]);
        }
    }

    @Test
    void svgIsDrawnByGraphvizWhenItIsInstalledAndRefusedClearlyWhenNot() throws IOException {
        Path file = tmp.resolve("bert.svg");
        CliRun r = CliRun.of("graph", "--model", bert(), "--format", "svg", "--out", file.toString(), "--ids", "2,5,3");
        if (dotOnPath()) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Files.readString(file)).contains("<svg").contains("layer.0").contains("[1, 3, 64]");
        } else {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("t4j graph: " + Graphviz.MISSING);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void withoutDotOnThePathSvgSaysWhatToInstall() throws IOException {
        Path notExecutable = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(notExecutable.resolve("dot"), "not a program");
        assertThatThrownBy(() -> Graphviz.onPath(notExecutable + java.io.File.pathSeparator + tmp.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("svg needs Graphviz's `dot` (Debian package graphviz); use --format dot or mermaid");
        assertThatThrownBy(() -> Graphviz.onPath(null)).hasMessage(Graphviz.MISSING);
    }

    private static boolean dotOnPath() {
        try {
            Graphviz.onPath(System.getenv("PATH"));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
