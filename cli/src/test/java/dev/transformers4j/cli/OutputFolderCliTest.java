package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.io.OutputFolder;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that writes a folder ({@code --out}) follows one rule: never delete or overwrite what transformers4j
 * did not write. An empty folder is fine; a folder with a file of the user's is refused and left as it was;
 * {@code --overwrite} replaces a previous output (and nothing else); the root and the home folder are never touched.
 */
class OutputFolderCliTest {

    @TempDir
    static Path inputs;
    @TempDir
    Path tmp;

    /** A command that writes the folder it is given. */
    record Writer(String name, Function<Path, String[]> args) {
        String[] to(Path out, String... more) {
            return CliArgs.with(List.of(args.apply(out)), more);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void makeInputs() throws IOException {
        MarianConfig config = MarianConfig.small(11).toBuilder().dModel(8).encoderLayers(1).decoderLayers(1)
                .encoderAttentionHeads(2).decoderAttentionHeads(2).encoderFfnDim(16).decoderFfnDim(16)
                .maxPositionEmbeddings(32).dropout(0).build();
        MarianMTModel.initialized(config, 1).savePretrained(inputs.resolve("a"));
        MarianMTModel.initialized(config, 2).savePretrained(inputs.resolve("b"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("to be or not to be, that is the question " + i % 7);
        }
        Files.write(inputs.resolve("verse.txt"), lines);
    }

    static Stream<Writer> writers() {
        return Stream.of(
                new Writer("convert", out -> new String[] {"convert", TorchBin.file("tiny.bin").toString(),
                    "--out", out.toString()}),
                new Writer("average-checkpoints", out -> new String[] {"average-checkpoints",
                    inputs.resolve("a").toString(), inputs.resolve("b").toString(), "--out", out.toString()}),
                new Writer("train causal-lm", out -> new String[] {"train", "causal-lm", "--data",
                    inputs.resolve("verse.txt").toString(), "--tokenizer", "char", "--layers", "1", "--heads", "2",
                    "--hidden", "8", "--context", "8", "--steps", "2", "--batch-size", "2", "--warmup", "0",
                    "--eval-every", "0", "--eval-batches", "1", "--log-steps", "1", "--out", out.toString()}),
                new Writer("train tokenizer", out -> new String[] {"train", "tokenizer", "--files",
                    inputs.resolve("verse.txt").toString(), "--vocab-size", "40", "--out", out.toString()}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void writesIntoAnEmptyFolder(Writer w) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = CliRun.of(w.to(out));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve(OutputFolder.MARKER)).isRegularFile();
        assertThat(names(tmp)).containsExactly("empty");                  // no temporary folder left beside it
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void refusesAFolderWithAFileOfTheUsers(Writer w) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(out.resolve("chapter1.txt"), "three years of work");

        for (String[] args : List.of(w.to(out), w.to(out, "--overwrite"))) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
            assertThat(r.err()).contains(out.toString()).contains("chapter1.txt").doesNotContain("\tat ");
            assertThat(names(out)).containsExactly("chapter1.txt");
            assertThat(Files.readString(out.resolve("chapter1.txt"))).isEqualTo("three years of work");
            assertThat(names(tmp)).containsExactly("thesis");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void overwriteReplacesAPreviousOutputOnly(Writer w) throws IOException {
        Path out = tmp.resolve("model");
        assertThat(CliRun.of(w.to(out)).exitCode()).isZero();
        Files.writeString(out.resolve("stale.txt"), "from the first run");   // a file of ours, to see it go
        List<String> first = names(out);

        CliRun again = CliRun.of(w.to(out));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--overwrite").doesNotContain("\tat ");
        assertThat(names(out)).isEqualTo(first);

        CliRun replaced = CliRun.of(w.to(out, "--overwrite"));
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(names(out)).contains(OutputFolder.MARKER).doesNotContain("stale.txt");
        assertThat(names(tmp)).containsExactly("model");                 // the old folder is gone, nothing hidden left
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void neverTouchesTheRootOrTheHomeFolder(Writer w) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve(OutputFolder.MARKER), "{}");      // even one that looks like ours
        Files.writeString(home.resolve(".bashrc"), "# mine");
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            for (Path out : List.of(Path.of("/"), home)) {
                for (String[] args : List.of(w.to(out), w.to(out, "--overwrite"))) {
                    CliRun r = CliRun.of(args);
                    assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
                    assertThat(r.err()).doesNotContain("\tat ");
                }
            }
            assertThat(CliRun.of(w.to(home, "--overwrite")).err()).contains("is the home folder");
            assertThat(CliRun.of(w.to(Path.of("/"), "--overwrite")).err())     // convert: "/" holds its input
                    .containsAnyOf("is the root of the file system", "writing the converted folder there would replace it");
        } finally {
            System.setProperty("user.home", realHome);
        }
        assertThat(names(home)).containsExactly(".bashrc", OutputFolder.MARKER);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
