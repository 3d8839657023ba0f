package dev.transformers4j.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.cli.support.TextTable;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.LogitLens;
import dev.transformers4j.learn.Prediction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j logit-lens}: the top tokens GPT-2 would predict after each layer. */
@Command(name = "logit-lens", mixinStandardHelpOptions = true,
        description = {"The logit lens: what GPT-2 would predict after each of its blocks.",
                "Every hidden state goes through the final LayerNorm ln_f and the tied LM head, decoded. Rows: the"
                        + " embeddings, then each block; the last row is the model's real prediction.",
                "Columns: the top-k tokens at the last position, or with --all-positions one column per position."})
public final class LogitLensCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A GPT-2 model folder (HF layout).")
    String model;

    @Mixin
    InspectInput input;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "3", description = "Tokens per cell. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--all-positions", description = "One column per position (default: the last position only).")
    boolean allPositions;

    @Option(names = "--json", description = "Print {\"tokens\":[..],\"ids\":[..],\"positions\":[..],\"rows\":[{\"index\":..,"
            + "\"name\":..,\"predictions\":[[{\"id\",\"token\",\"text\",\"probability\"},..] per position]},..]}.")
    boolean json;

    @Override
    public Integer call() {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k " + topK + ": expected at least 1");
        }
        LoadedModel m = LoadedModel.load(model);
        LogitLens lens = LogitLens.of(m, input.tokens(m), topK, allPositions);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(toJson(lens));
        } else {
            printTable(lens, w);
        }
        return 0;
    }

    private static ObjectNode toJson(LogitLens lens) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        NextTokenCommand.tokens(o, lens.tokens());
        ArrayNode positions = o.putArray("positions");
        lens.positions().forEach(positions::add);
        ArrayNode rows = o.putArray("rows");
        for (LogitLens.Row r : lens.rows()) {
            ObjectNode row = rows.addObject().put("index", r.index()).put("name", r.name());
            ArrayNode perPosition = row.putArray("predictions");
            r.predictions().forEach(p -> NextTokenCommand.predictions(perPosition.addArray(), p));
        }
        return o;
    }

    /** Rows = hidden states; columns = the last position's top-k, or each position's top tokens joined by " / ". */
    private void printTable(LogitLens lens, PrintWriter w) {
        List<String> header = new ArrayList<>(List.of("hidden state"));
        if (allPositions) {
            lens.positions().forEach(p -> header.add(p + " " + InspectInput.quoted(lens.tokens().get(p).text())));
        } else {
            for (int k = 1; k <= topK; k++) {
                header.add("top " + k);
            }
        }
        List<List<String>> cells = new ArrayList<>();
        for (LogitLens.Row r : lens.rows()) {
            List<String> line = new ArrayList<>(List.of(r.name()));
            if (allPositions) {
                r.predictions().forEach(ps -> line.add(String.join(" / ",
                        ps.stream().map(p -> InspectInput.quoted(p.text())).toList())));
            } else {
                r.predictions().getFirst().forEach(p -> line.add(InspectInput.quoted(p.text())
                        + String.format(Locale.ROOT, " %.3f", p.probability())));
            }
            cells.add(line);
        }
        if (!allPositions) {
            w.println("last position " + (lens.tokens().size() - 1) + ": "
                    + InspectInput.quoted(lens.tokens().getLast().text()));
        }
        TextTable.print(w, header, cells);
    }
}
