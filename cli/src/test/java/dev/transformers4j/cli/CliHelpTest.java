package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The CLI as a newcomer meets it: help without arguments, grouped commands, described options, suggestions. */
class CliHelpTest {

    @Test
    void withoutArgumentsItPrintsTheHelpWithTheCommandsInGroups() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: t4j ").doesNotContain("Missing required subcommand")
                .containsSubsequence("Run a model:", "  embed ", "Look inside:", "  tokenize ", "Train and evaluate:",
                        "  train ", "'t4j help COMMAND' or 't4j COMMAND --help' shows a command's options.");
        assertThat(r.out()).isEqualTo(CliRun.of("--help").out());
        for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(r.out()).as("lists " + name).containsPattern("(?m)^  " + name + " ");
            }
        }
    }

    @Test
    void everyCommandHasAOneLineSummaryAndEveryOptionADescription() {
        List<String> missing = new ArrayList<>();
        check(new CommandLine(new Main()), missing);
        assertThat(missing).as("commands and options without a description").isEmpty();
        assertThat(CliRun.of("--help").out().replaceAll("\\s+", " "))
                .contains("evaluate Score a model on held-out data: accuracy");
        assertThat(CliRun.of("classify", "--help").out()).doesNotContain("evaluate").doesNotContain("--src")
                .doesNotContain("translat");
    }

    private static void check(CommandLine line, List<String> missing) {
        CommandSpec spec = line.getCommandSpec();
        String path = Main.commandPath(line);
        String[] description = spec.usageMessage().description();
        if (description.length == 0 || !description[0].strip().matches(".*[.)]$")) {
            missing.add(path + ": the first description line is not a whole sentence");
        }
        for (ArgSpec arg : spec.args()) {
            if (!arg.hidden() && String.join("", arg.description()).isBlank()) {
                missing.add(path + " " + (arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName()
                        : arg.paramLabel()));
            }
        }
        line.getSubcommands().values().forEach(sub -> check(sub, missing));
    }

    @Test
    void aMistypedCommandOrOptionGetsADidYouMean() {
        CliRun command = CliRun.of("embd", "hello");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Did you mean embed").contains("Try 't4j --help'.");
        CliRun option = CliRun.of("train", "causal-lm", "--input", "t.txt", "--out", "o", "--max-step", "3");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown options: '--max-step', '3'").contains("Did you mean --max-steps?")
                .contains("Try 't4j train causal-lm --help'.");
    }
}
