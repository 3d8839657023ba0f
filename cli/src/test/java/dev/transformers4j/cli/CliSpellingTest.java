package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.pipelines.TruncationPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * One spelling per concept across commands, the older spellings still parsed (issues and scripts wrote them): the
 * input file {@code --input} (was {@code --file}, {@code --files}, {@code --data}), the step budget
 * {@code --max-steps} ({@code --steps}), the evaluation cadence {@code --eval-steps} ({@code --eval-every}),
 * truncation {@code --[no-]truncation} ({@code --truncate}). The help shows only the first.
 */
class CliSpellingTest {

    /** The command object of the innermost subcommand after parsing {@code t4j args}. */
    @SuppressWarnings("unchecked")
    private static <T> T parse(String... args) {
        ParseResult r = new CommandLine(new Main()).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return (T) r.commandSpec().userObject();
    }

    @Test
    void theInputFileIsInputEverywhereAndTheOldSpellingsStillParse() {
        for (String name : List.of("--input", "--data")) {
            EvaluateCommand e = parse("evaluate", "--model", "m", name, "dev.tsv");
            assertThat(e.data).isEqualTo(Path.of("dev.tsv"));
            TrainCausalLmCommand lm = parse("train", "causal-lm", "--out", "o", name, "text.txt");
            assertThat(lm.data).isEqualTo(Path.of("text.txt"));
        }
        for (String name : List.of("--input", "--file")) {
            TranslateCommand t = parse("translate", "--model", "m", name, "news.en");
            assertThat(t.input).isEqualTo("news.en");
        }
        for (String name : List.of("--input", "--files")) {
            TrainTokenizerCommand t = parse("train", "tokenizer", "--vocab-size", "300", "--out", "o", name, "a", "b");
            assertThat(t.files).containsExactly(Path.of("a"), Path.of("b"));
        }
        EmbedCommand embed = parse("embed", "--input", "texts.txt");
        assertThat(embed.embedding.inputs.input).isEqualTo("texts.txt");
    }

    @Test
    void stepsAndEvaluationCadenceAreSpelledAsHfsTrainer() {
        TrainCausalLmCommand now = parse("train", "causal-lm", "--input", "t", "--out", "o", "--max-steps", "7",
                "--eval-steps", "3");
        TrainCausalLmCommand before = parse("train", "causal-lm", "--data", "t", "--out", "o", "--steps", "7",
                "--eval-every", "3");
        assertThat(List.of(now.steps, now.evalEvery)).containsExactly(7, 3).isEqualTo(List.of(before.steps,
                before.evalEvery));
    }

    @Test
    void truncationIsOneSwitchWithEachCommandsDefault() {
        assertThat(((EmbedCommand) parse("embed", "x")).embedding.truncation.policy())
                .isEqualTo(TruncationPolicy.TRUNCATE);
        assertThat(((EmbedCommand) parse("embed", "--no-truncation", "x")).embedding.truncation.policy())
                .isEqualTo(TruncationPolicy.ERROR);
        assertThat(((ClassifyCommand) parse("classify", "--model", "m", "--no-truncation", "x")).truncation.policy())
                .isEqualTo(TruncationPolicy.ERROR);
        assertThat(((TranslateCommand) parse("translate", "--model", "m", "x")).truncation.policy())
                .isEqualTo(TruncationPolicy.ERROR);
        for (String name : List.of("--truncation", "--truncate")) {
            assertThat(((TranslateCommand) parse("translate", "--model", "m", name, "x")).truncation.policy())
                    .isEqualTo(TruncationPolicy.TRUNCATE);
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
