package dev.transformers4j.cli.inspect;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.core.graph.ComputationGraph;
import dev.transformers4j.core.graph.Diagram;
import dev.transformers4j.core.graph.DotFormat;
import dev.transformers4j.core.graph.GraphRecorder;
import dev.transformers4j.core.graph.GraphView;
import dev.transformers4j.core.graph.MermaidFormat;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.AtomicFiles;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.TranslationTokenizer;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code t4j graph}: the computation graph of one real forward pass, as DOT, SVG or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Record one forward pass of a model on a text (or --ids) and draw its computation graph:"
                + " modules and operations, with tensor shapes on the edges.",
                "Depth 1 shows the model's top modules, 2 its layers, then attention and feed-forward blocks, down"
                        + " to single operations.",
                "Without TEXT or --ids it runs \"" + GraphCommand.DEFAULT_TEXT + "\" (the ids " + GraphCommand.DEFAULT_IDS
                        + " for a folder without a tokenizer)."})
public final class GraphCommand implements Callable<Integer> {

    /** The input when none is given: a short sentence for a model with a tokenizer, a few ids otherwise. */
    static final String DEFAULT_TEXT = "Attention is all you need";
    static final String DEFAULT_IDS = "1,2,3,4";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true,
            description = "A built-in model name or an HF folder (BERT, GPT-2, Marian).")
    String model;

    @Option(names = "--depth", defaultValue = "3",
            description = "How many module levels to open (1 or more). Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--format", required = true, paramLabel = "dot|svg|mermaid",
            description = "dot (Graphviz text), svg (drawn by Graphviz's dot, which must be installed) or mermaid.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the diagram to FILE instead of standard output.")
    Path out;

    @Option(names = "--ids", paramLabel = "IDS",
            description = "Token ids (comma-separated) instead of TEXT, for folders without a tokenizer.")
    String ids;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The text to run (tokenized with the model"
            + " folder's tokenizer). Default: \"" + DEFAULT_TEXT + "\", or --ids " + DEFAULT_IDS + " without a tokenizer.")
    List<String> text = new ArrayList<>();

    @Override
    public Integer call() {
        if (!List.of("dot", "svg", "mermaid").contains(format)) {
            throw new IllegalArgumentException("--format: expected dot, svg or mermaid but was '" + format + "'");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("--depth: expected 1 or more but was " + depth);
        }
        if (!text.isEmpty() && ids != null) {
            throw new IllegalArgumentException("give the input either as TEXT or as --ids 1,2,3, not both");
        }
        Graphviz graphviz = format.equals("svg") ? Graphviz.onPath(System.getenv("PATH")) : null;
        ModelFolder folder = ModelResolver.resolveFolder(model);
        PretrainedModel m = AutoModel.fromPretrained(folder.dir());
        TokenBatch input = input(folder, m);
        ComputationGraph graph = GraphRecorder.record(m.module(), () -> forward(m, input));
        Diagram diagram = GraphView.collapse(graph, depth, Set.of(m.baseModelPrefix()));
        byte[] bytes = switch (format) {
            case "mermaid" -> MermaidFormat.write(diagram).getBytes(StandardCharsets.UTF_8);
            case "dot" -> DotFormat.write(diagram).getBytes(StandardCharsets.UTF_8);
            default -> graphviz.svg(DotFormat.write(diagram));
        };
        if (out == null) {
            spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
        } else {
            AtomicFiles.write(out, s -> s.write(bytes));
            spec.commandLine().getOut().println("wrote " + out + " (" + diagram.nodes().size() + " nodes, "
                    + diagram.edges().size() + " edges, depth " + depth + ")");
        }
        return 0;
    }

    /** The ids of --ids, or of TEXT through the folder's tokenizer (a translation model's source tokenizer). */
    private TokenBatch input(ModelFolder folder, PretrainedModel m) {
        if (text.isEmpty() && ids == null) {
            boolean tokenizer = hasTokenizer(folder, m);
            spec.commandLine().getErr().println("graph: no TEXT or --ids given: running " + (tokenizer
                    ? "\"" + DEFAULT_TEXT + "\"" : "the ids " + DEFAULT_IDS + " (the folder has no tokenizer)"));
            if (tokenizer) {
                text = List.of(DEFAULT_TEXT);
            } else {
                ids = DEFAULT_IDS;
            }
        }
        if (ids != null) {
            return TokenBatch.of(IdLists.parse("--ids", ids));
        }
        String joined = String.join(" ", text);
        if (m instanceof MarianMTModel marian) {
            return TokenBatch.of(TranslationTokenizer.fromFolder(folder, marian.config().eosTokenId(),
                    marian.config().vocabSize()).encodeSource(joined));
        }
        Encoding e = Tokenizer.fromFolder(folder.dir()).withPadding(null).encode(joined);
        return TokenBatch.rightPadded(List.of(e.ids()), List.of(e.typeIds()), 0);
    }

    /** Whether TEXT can be tokenized: a translation tokenizer for Marian, else tokenizer.json or vocab + merges. */
    private static boolean hasTokenizer(ModelFolder folder, PretrainedModel m) {
        if (m instanceof MarianMTModel) {
            return TranslationTokenizer.problem(folder) == null;
        }
        return folder.tokenizer().isFast();
    }

    /** One forward pass; an encoder-decoder model decodes its start token (HF's first decoding step). */
    private static void forward(PretrainedModel m, TokenBatch input) {
        if (m instanceof MarianMTModel marian) {
            marian.forward(input, new int[] {marian.decoderStartTokenId()}, ForwardOptions.DEFAULT);
        } else {
            m.forward(input, ForwardOptions.DEFAULT);
        }
    }
}
