package dev.transformers4j.cli;

import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code t4j forward}: one forward pass on token ids, printing the outputs. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Run a model on token ids and print last_hidden_state (and logits when it has a head).")
final class ForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TokenIdOptions inputs;

    @Option(names = "--json", description = "Print {\"last_hidden_state\":{\"shape\":..,\"data\":..},\"logits\":..}.")
    boolean json;

    @Override
    public Integer call() {
        TokenBatch batch = inputs.batch();
        PretrainedModel m = inputs.load();
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
