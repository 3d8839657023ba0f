package dev.transformers4j.cli;

import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.pipelines.ModelResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code t4j forward}: one forward pass on token ids, printing the outputs. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Run a model on token ids and print last_hidden_state (and logits when it has a head).")
final class ForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A built-in model name or an HF folder.")
    String model;

    @Option(names = "--ids", required = true, description = "Comma-separated token ids of one sequence; repeat for a batch.")
    List<String> ids;

    @Option(names = "--type-ids", description = "Token type ids for the matching --ids (default all 0).")
    List<String> typeIds = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"last_hidden_state\":{\"shape\":..,\"data\":..},\"logits\":..}.")
    boolean json;

    @Override
    public Integer call() {
        List<int[]> seqs = IdLists.parseAll("--ids", ids);
        List<int[]> types = typeIds.isEmpty() ? null : IdLists.parseAll("--type-ids", typeIds);
        if (types != null && types.size() != seqs.size()) {
            throw new IllegalArgumentException("--type-ids: given " + types.size() + " times but --ids " + seqs.size()
                    + " times (one --type-ids per --ids)");
        }
        PretrainedModel m = AutoModel.fromPretrained(ModelResolver.resolve(model));
        TokenBatch batch = TokenBatch.rightPadded(seqs, types, 0);
        ModelOutput out = m.forward(batch, ForwardOptions.DEFAULT);
        var w = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(w)) {
                j.tensor("last_hidden_state", out.lastHiddenState());
                if (out.logits() != null) {
                    j.tensor("logits", out.logits());
                }
            }
        } else {
            w.println(m.architecture() + ": last_hidden_state " + out.lastHiddenState());
            if (out.logits() != null) {
                w.println("logits " + out.logits());
            }
        }
        return 0;
    }
}
