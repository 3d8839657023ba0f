package dev.transformers4j.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.figures.FigureFiles;
import dev.transformers4j.figures.FigureFormat;
import dev.transformers4j.learn.AttentionMaps;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.Token;
import dev.transformers4j.learn.render.AttentionFigure;
import dev.transformers4j.learn.render.AttentionHtml;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j attention}: attention heatmaps of one head, or of every head of a layer. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = {"Draw a model's attention probabilities on a text: heatmaps with token labels on both axes.",
                "One head (--head), or all heads of a layer. BERT attends both ways, GPT-2 causally (zero above the"
                        + " diagonal), Marian: the encoder's self-attention.",
                "Layers and heads count from 0 (as in HF's module names). PNG and SVG are pictures; HTML is one"
                        + " self-contained interactive page with every layer and head (hover shows the weight)."})
public final class AttentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5, ...) or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    InspectInput input;

    @Option(names = "--layer", paramLabel = "L", description = "The layer (default: the last).")
    Integer layer;

    @Option(names = "--head", paramLabel = "H", description = "One head (default: a grid of every head of the layer).")
    Integer head;

    @Option(names = "--out", paramLabel = "FILE", description = "The picture: FILE.png, FILE.svg or FILE.html.")
    Path out;

    @Option(names = "--json", description = "Print {\"tokens\":[..],\"ids\":[..],\"causal\":..,\"layer\":L,\"head\":H|null,"
            + "\"attention\":[[..]] (one head: [T][T]; all heads: [H][T][T])}.")
    boolean json;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64",
            description = "Longer texts are cut to their first N tokens, for a readable heatmap. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Override
    public Integer call() {
        if (out == null && !json) {
            throw new IllegalArgumentException("nothing to do: give --out FILE.png|.svg|.html, or --json");
        }
        FigureFormat format = out == null ? null : FigureFormat.of(out, FigureFormat.values());
        if (out != null) {
            FigureFiles.checkWritable(out);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--max-tokens " + maxTokens + ": expected at least 1");
        }
        LoadedModel m = LoadedModel.load(model);
        AttentionMaps maps = AttentionMaps.of(m, capped(m, input.tokens(m)));
        int l = layer == null ? maps.layerCount() - 1 : checked("--layer", layer, maps.layerCount(), "layers");
        if (head != null) {
            checked("--head", head, maps.headCount(), "heads per layer");
        }
        if (out != null) {
            write(format, maps, l);
        }
        if (json) {
            printJson(maps, l);
        }
        return 0;
    }

    /** The first {@code --max-tokens} tokens, saying on standard error what was cut. */
    private List<Token> capped(LoadedModel m, List<Token> tokens) {
        if (tokens.size() <= maxTokens) {
            return tokens;
        }
        List<Token> cut = tokens.subList(maxTokens, tokens.size());
        String rest = m.tokenizer() != null
                ? m.tokenizer().decode(cut.stream().mapToInt(Token::id).toArray(), false)
                : String.join(" ", cut.stream().map(Token::text).toList());
        spec.commandLine().getErr().println("attention: the text has " + tokens.size() + " tokens, too many for a"
                + " readable heatmap: showing the first " + maxTokens + " (--max-tokens " + maxTokens + "); cut: "
                + InspectInput.quoted(rest));
        return tokens.subList(0, maxTokens);
    }

    private int checked(String option, int value, int count, String what) {
        if (value < 0 || value >= count) {
            throw new IllegalArgumentException(option + " " + value + ": expected 0.." + (count - 1) + " (" + model
                    + " has " + count + " " + what + ")");
        }
        return value;
    }

    private void write(FigureFormat format, AttentionMaps maps, int l) {
        switch (format) {
            case HTML -> AttentionHtml.write(out, maps, model, l, head);
            case PNG, SVG -> AttentionFigure.of(maps, model, l, head).write(out);
        }
        var w = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        w.println("wrote " + out + " (" + maps.tokens().size() + " tokens, layer " + l
                + (head == null ? ", all " + maps.headCount() + " heads" : ", head " + head) + ")");
    }

    private void printJson(AttentionMaps maps, int l) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        var tokens = o.putArray("tokens");
        var ids = o.putArray("ids");
        for (Token t : maps.tokens()) {
            tokens.add(t.text());
            ids.add(t.id());
        }
        o.put("causal", maps.causal());
        o.put("layer", l);
        if (head == null) {
            o.putNull("head");
            o.set("attention", mapper.valueToTree(maps.layer(l)));
        } else {
            o.put("head", head);
            o.set("attention", mapper.valueToTree(maps.head(l, head)));
        }
        spec.commandLine().getOut().println(o);
    }
}
