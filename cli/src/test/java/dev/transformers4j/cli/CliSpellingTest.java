package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.cli.run.EmbedCommand;
import dev.transformers4j.cli.run.TranslateCommand;
import dev.transformers4j.cli.support.TruncationOption;
import dev.transformers4j.cli.train.EvaluateCommand;
import dev.transformers4j.cli.train.TrainCausalLmCommand;
import dev.transformers4j.cli.train.TrainTokenizerCommand;
import dev.transformers4j.pipelines.TruncationPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * One spelling per concept across commands, the older spellings still parsed (issues and scripts wrote them): the
 * input file {@code --input} (was {@code --file}, {@code --files}, {@code --data}), the step budget
 * {@code --max-steps} ({@code --steps}), the evaluation cadence {@code --eval-steps} ({@code --eval-every}),
 * truncation {@code --[no-]truncation} ({@code --truncate}). The help shows only the first.
 */
class CliSpellingTest {

    /** The parse result of the innermost subcommand of {@code t4j args}. */
    private static ParseResult parse(String... args) {
        ParseResult r = new CommandLine(new Main()).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r;
    }

    /** The value of the option named {@code name} (any of its spellings) as the command received it. */
    private static Object value(ParseResult r, String name) {
        return r.commandSpec().findOption(name).getValue();
    }

    /** The truncation policy of the parsed command: its {@link TruncationOption} mixin, at any depth. */
    private static TruncationPolicy truncation(String... args) {
        return truncation(parse(args).commandSpec());
    }

    private static TruncationPolicy truncation(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof TruncationOption.CutByDefault t) {
                return t.policy();
            }
            if (mixin.userObject() instanceof TruncationOption.RefuseByDefault t) {
                return t.policy();
            }
            TruncationPolicy nested = truncation(mixin);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    @Test
    void theInputFileIsInputEverywhereAndTheOldSpellingsStillParse() {
        for (String name : List.of("--input", "--data")) {
            ParseResult e = parse("evaluate", "--model", "m", name, "dev.tsv");
            assertThat(e.commandSpec().userObject()).isInstanceOf(EvaluateCommand.class);
            assertThat(value(e, "--input")).isEqualTo(Path.of("dev.tsv"));
            ParseResult lm = parse("train", "causal-lm", "--out", "o", name, "text.txt");
            assertThat(lm.commandSpec().userObject()).isInstanceOf(TrainCausalLmCommand.class);
            assertThat(value(lm, "--input")).isEqualTo(Path.of("text.txt"));
        }
        for (String name : List.of("--input", "--file")) {
            ParseResult t = parse("translate", "--model", "m", name, "news.en");
            assertThat(t.commandSpec().userObject()).isInstanceOf(TranslateCommand.class);
            assertThat(value(t, "--input")).isEqualTo("news.en");
        }
        for (String name : List.of("--input", "--files")) {
            ParseResult t = parse("train", "tokenizer", "--vocab-size", "300", "--out", "o", name, "a", "b");
            assertThat(t.commandSpec().userObject()).isInstanceOf(TrainTokenizerCommand.class);
            assertThat(value(t, "--input")).isEqualTo(List.of(Path.of("a"), Path.of("b")));
        }
        ParseResult embed = parse("embed", "--input", "texts.txt");
        assertThat(embed.commandSpec().userObject()).isInstanceOf(EmbedCommand.class);
        assertThat(value(embed, "--input")).isEqualTo("texts.txt");
    }

    @Test
    void stepsAndEvaluationCadenceAreSpelledAsHfsTrainer() {
        ParseResult now = parse("train", "causal-lm", "--input", "t", "--out", "o", "--max-steps", "7",
                "--eval-steps", "3");
        ParseResult before = parse("train", "causal-lm", "--data", "t", "--out", "o", "--steps", "7",
                "--eval-every", "3");
        assertThat(List.of(value(now, "--max-steps"), value(now, "--eval-steps"))).containsExactly(7, 3)
                .isEqualTo(List.of(value(before, "--steps"), value(before, "--eval-every")));
    }

    @Test
    void truncationIsOneSwitchWithEachCommandsDefault() {
        assertThat(truncation("embed", "x")).isEqualTo(TruncationPolicy.TRUNCATE);
        assertThat(truncation("embed", "--no-truncation", "x")).isEqualTo(TruncationPolicy.ERROR);
        assertThat(truncation("classify", "--model", "m", "--no-truncation", "x")).isEqualTo(TruncationPolicy.ERROR);
        assertThat(truncation("translate", "--model", "m", "x")).isEqualTo(TruncationPolicy.ERROR);
        for (String name : List.of("--truncation", "--truncate")) {
            assertThat(truncation("translate", "--model", "m", name, "x")).isEqualTo(TruncationPolicy.TRUNCATE);
        }
    }

    @Test
    void theHelpShowsOneSpelling() {
        String lm = CliRun.of("train", "causal-lm", "--help").out();
        assertThat(lm).contains("--input=FILE", "--max-steps=", "--eval-steps=N")
                .doesNotContain("--data", "--steps=", "--eval-every");
        String translate = CliRun.of("translate", "--help").out();
        assertThat(translate).contains("--input=FILE", "--[no-]truncation").doesNotContain("--file", "--truncate ");
        assertThat(CliRun.of("train", "tokenizer", "--help").out()).contains("--input=FILE").doesNotContain("--files");
        assertThat(CliRun.of("evaluate", "--help").out()).contains("--input=FILE.tsv").doesNotContain("--data");
        assertThat(CliRun.of("train", "causal-lm").err()).contains("Missing required options: '--out=DIR', '--input=FILE'");
    }
}
