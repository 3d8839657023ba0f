package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./t4j} command in a {@code ```bash} block of the guided tour ({@code docs/learn/**.md}, English and
 * Chinese) runs in-process, as from the repository root, and exits with 0; where a {@code ```text} block follows,
 * each of its lines appears in what the command printed (standard output and log; white space squeezed).
 * Files are run in path order, so a chapter may use what an earlier one made. Paths under {@code target/} go to a
 * scratch folder; other relative paths are the repository's. A command written twice (the Chinese chapters repeat
 * the English commands) runs once, and both promises are checked against that run.
 */
class DocsCommandsTest {

    @TempDir
    static Path scratch;

    private static final Map<String, CliRun> RUNS = new HashMap<>();

    static List<DocCommands.Command> tourCommands() {
        Path learn = RepoDocs.root().resolve("docs/learn");
        List<DocCommands.Command> all = new ArrayList<>();
        for (Path md : RepoDocs.markdownFiles()) {
            if (md.startsWith(learn)) {
                all.addAll(DocCommands.parse(RepoDocs.root().relativize(md), RepoDocs.read(md)));
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAndPrintsWhatTheDocShows() {
        return tourCommands().stream().map(c -> DynamicTest.dynamicTest(c.file() + ":" + c.line() + " " + c.text(),
                () -> check(c)));
    }

    private static void check(DocCommands.Command c) {
        CliRun run = RUNS.computeIfAbsent(c.text(), k -> CliRun.of(c.args().stream().map(DocsCommandsTest::path)
                .toArray(String[]::new)));
        String where = c.file() + ":" + c.line() + ": " + c.text();
        assertThat(run.exitCode()).as(where + "\nstderr: " + run.err()).isZero();
        String printed = DocCommands.squeeze(run.out() + "\n" + run.err()).replace(scratch + "/", "target/");
        for (String line : c.expected()) {
            assertThat(printed).as(where + ": the doc shows this line of output").contains(line);
        }
    }

    /** {@code target/x} → the scratch folder; a path into the repository → absolute; anything else as is. */
    private static String path(String arg) {
        int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
        if (eq > 0) {
            return arg.substring(0, eq + 1) + path(arg.substring(eq + 1));
        }
        if (arg.startsWith("target/")) {
            return scratch.resolve(arg.substring("target/".length())).toString();
        }
        int slash = arg.indexOf('/');
        if (slash > 0 && Files.isDirectory(RepoDocs.root().resolve(arg.substring(0, slash)))) {
            return RepoDocs.root().resolve(arg).toString();
        }
        return arg;
    }

    /** The tour is not empty: each chapter, in both languages, has a command, and the output blocks are attached. */
    @Test
    void everyChapterHasACommand() {
        Map<Path, Integer> perFile = new HashMap<>();
        tourCommands().forEach(c -> perFile.merge(c.file(), 1, Integer::sum));
        List<Path> chapters = RepoDocs.markdownFiles().stream().map(RepoDocs.root()::relativize)
                .filter(p -> p.startsWith("docs/learn") && p.getFileName().toString().matches("\\d\\d-.*\\.md"))
                .toList();
        assertThat(chapters).as("chapters").hasSizeGreaterThanOrEqualTo(14);
        assertThat(tourCommands().stream().mapToInt(c -> c.expected().size()).sum())
                .as("lines of documented output checked").isGreaterThan(60);
        for (Path chapter : chapters) {
            assertThat(perFile.getOrDefault(chapter, 0)).as(chapter + ": ./t4j commands").isPositive();
        }
    }

    @Test
    void commandsAreParsedAsTheShellWould() {
        assertThat(DocCommands.words("tokenize --model x \"Hello, world!\" 'it''s' a\"b c\""))
                .containsExactly("tokenize", "--model", "x", "Hello, world!", "its", "ab c");
        var cmds = DocCommands.parse(Path.of("x.md"), "```bash\n./t4j a \\\n  --b 1   # note\n```\n\n```text\n"
                + "  one   two\n…\nthree […\n```\n");
        assertThat(cmds).singleElement().satisfies(c -> {
            assertThat(c.args()).containsExactly("a", "--b", "1");
            assertThat(c.expected()).containsExactly("one two", "three [");
            assertThat(c.line()).isEqualTo(2);
        });
    }
}
