package dev.transformers4j.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.figures.FigureFiles;
import dev.transformers4j.figures.FigureFormat;
import dev.transformers4j.learn.HiddenStateStats;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.Token;
import dev.transformers4j.learn.render.HiddenStateChart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j hidden-states}: per-layer norms and cosine similarity to the final hidden state. */
@Command(name = "hidden-states", mixinStandardHelpOptions = true,
        description = {"Per layer on a text: the mean L2 norm of the token vectors and their cosine to the last layer.",
                "For the embeddings and every layer's output: the mean L2 norm of the token vectors, and their mean"
                        + " cosine similarity to the final hidden state (1 on the last row).",
                "GPT-2's last hidden state is after its final LayerNorm ln_f, as HF returns it."})
public final class HiddenStatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = "all-MiniLM-L6-v2",
            description = "A built-in model or an HF folder. Default: ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    InspectInput input;

    @Option(names = "--out", paramLabel = "FILE", description = "Also draw the two curves: FILE.png or FILE.svg.")
    Path out;

    @Option(names = "--json", description = "Print {\"tokens\":[..],\"ids\":[..],\"layers\":[{\"index\":..,\"name\":..,"
            + "\"mean_norm\":..,\"cosine_to_final\":..},..]}.")
    boolean json;

    @Override
    public Integer call() {
        if (out != null) {
            FigureFormat.of(out, FigureFormat.PNG, FigureFormat.SVG);
            FigureFiles.checkWritable(out);
        }
        LoadedModel m = LoadedModel.load(model);
        HiddenStateStats stats = HiddenStateStats.of(m, input.tokens(m));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            printJson(stats, w);
        } else {
            w.printf("%-24s %10s %14s%n", "hidden state", "mean ‖h‖", "cos to final");
            for (HiddenStateStats.Layer l : stats.layers()) {
                w.printf("%-24s %10.4f %14.4f%n", l.name(), l.meanNorm(), l.cosineToFinal());
            }
        }
        if (out != null) {
            new HiddenStateChart(model, stats).write(out);
            (json ? spec.commandLine().getErr() : w).println("wrote " + out);
        }
        return 0;
    }

    private static void printJson(HiddenStateStats stats, PrintWriter w) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        ArrayNode tokens = o.putArray("tokens");
        ArrayNode ids = o.putArray("ids");
        for (Token t : stats.tokens()) {
            tokens.add(t.text());
            ids.add(t.id());
        }
        ArrayNode layers = o.putArray("layers");
        for (HiddenStateStats.Layer l : stats.layers()) {
            layers.addObject().put("index", l.index()).put("name", l.name()).put("mean_norm", l.meanNorm())
                    .put("cosine_to_final", l.cosineToFinal());
        }
        w.println(o);
    }
}
