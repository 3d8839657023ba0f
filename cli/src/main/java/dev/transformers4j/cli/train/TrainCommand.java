package dev.transformers4j.cli.train;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code t4j train}: the training tasks, one subcommand each. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model and save it as a Hugging Face folder, with checkpoints, loss curves and --resume.",
        subcommands = {TrainTextClassificationCommand.class, TrainCausalLmCommand.class, TrainTokenizerCommand.class,
                TrainTranslationCommand.class})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "train: give the task, 'text-classification', 'causal-lm', 'translation' or 'tokenizer'");
    }
}
