package dev.transformers4j.cli.train;

import dev.transformers4j.cli.support.OutputFolderOptions;
import dev.transformers4j.models.io.CheckpointAverager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code t4j average-checkpoints}: one model whose weights are the mean of several checkpoints of a training run,
 * as the paper's base models (§6.1, "averaging the last 5 checkpoints").
 */
@Command(name = "average-checkpoints", mixinStandardHelpOptions = true,
        description = {"Average the weights of checkpoints of one training run into a new model folder (§6.1).",
            "The paper's \"averaging the last 5 checkpoints\".",
            "The config, generation config and tokenizer files come from the first folder, or from its parent "
                    + "(a trainer's checkpoint-N sits in the run's output folder)."})
public final class AverageCheckpointsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "CHECKPOINT", description = "Model folders with the same config.json.")
    List<Path> checkpoints;

    @Mixin
    OutputFolderOptions output;

    @Override
    public Integer call() {
        CheckpointAverager.Result r = CheckpointAverager.averageFolders(checkpoints, output.out, output.overwrite);
        spec.commandLine().getOut().printf("wrote %s: the mean of %d checkpoints, %d tensors; copied %s%n", output.out,
                checkpoints.size(), r.tensors(), String.join(", ", r.copied()));
        return 0;
    }
}
