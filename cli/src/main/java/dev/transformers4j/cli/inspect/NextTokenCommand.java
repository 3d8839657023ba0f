package dev.transformers4j.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.NextToken;
import dev.transformers4j.learn.Prediction;
import dev.transformers4j.learn.Token;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j next-token}: the most probable next tokens after a prompt. */
@Command(name = "next-token", mixinStandardHelpOptions = true,
        description = {"The k most probable next tokens of a decoder-only language model (GPT-2) after a prompt.",
                "The softmax of the last position's logits."})
public final class NextTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A GPT-2 model folder (HF layout).")
    String model;

    @Mixin
    InspectInput input;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "How many tokens. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--json", description = "Print {\"tokens\":[..],\"ids\":[..],\"top\":[{\"id\":..,\"token\":..,\"text\":..,"
            + "\"probability\":..},..]}.")
    boolean json;

    @Override
    public Integer call() {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k " + topK + ": expected at least 1");
        }
        LoadedModel m = LoadedModel.load(model);
        NextToken next = NextToken.of(m, input.tokens(m), topK);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            tokens(o, next.prompt());
            predictions(o.putArray("top"), next.top());
            w.println(o);
            return 0;
        }
        w.printf("%4s  %8s  %-20s %s%n", "rank", "id", "text", "probability");
        for (int i = 0; i < next.top().size(); i++) {
            Prediction p = next.top().get(i);
            w.printf("%4d  %8d  %-20s %.4f%n", i + 1, p.id(), InspectInput.quoted(p.text()), p.probability());
        }
        return 0;
    }

    /** {@code "tokens":[..],"ids":[..]}. */
    static void tokens(ObjectNode o, List<Token> tokens) {
        ArrayNode texts = o.putArray("tokens");
        ArrayNode ids = o.putArray("ids");
        for (Token t : tokens) {
            texts.add(t.text());
            ids.add(t.id());
        }
    }

    /** {@code [{"id","token","text","probability"},..]}. */
    static void predictions(ArrayNode into, List<Prediction> predictions) {
        for (Prediction p : predictions) {
            into.addObject().put("id", p.id()).put("token", p.token()).put("text", p.text())
                    .put("probability", p.probability());
        }
    }
}
