package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule of every output folder: what transformers4j did not write is never deleted or overwritten. */
class OutputFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingOrEmptyFolderMayBeWritten() throws IOException {
        assertThatCode(() -> OutputFolder.check(tmp.resolve("new"), false)).doesNotThrowAnyException();
        assertThatCode(() -> OutputFolder.check(Files.createDirectory(tmp.resolve("empty")), false))
                .doesNotThrowAnyException();
    }

    @Test
    void aNonEmptyFolderIsRefusedNamingItsFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("work"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> OutputFolder.check(dir, false)).isInstanceOf(OutputFolderException.class)
                .hasMessage(dir + ": exists and is not empty (notes.txt): choose a new folder, or overwrite it"
                        + " (--overwrite) if transformers4j wrote it");
        assertThatThrownBy(() -> OutputFolder.check(dir, true)).isInstanceOf(OutputFolderException.class)
                .hasMessageContaining("was not written by transformers4j");
    }

    @Test
    void aFileOrALinkIsNotAFolderToWrite() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> OutputFolder.check(file, true)).hasMessageContaining("is not a folder");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("real")));
        assertThatThrownBy(() -> OutputFolder.check(link, true)).hasMessageContaining("symbolic link");
    }

    @Test
    void oursIsTheMarkerOrAModelFolderAndNothingElse() throws IOException {
        Path marked = Files.createDirectory(tmp.resolve("marked"));
        Files.writeString(marked.resolve("anything.txt"), "x");
        Files.writeString(marked.resolve(OutputFolder.MARKER), "{}");
        assertThat(OutputFolder.writtenByUs(marked)).isTrue();

        Path hf = Files.createDirectory(tmp.resolve("hf"));
        for (String f : List.of("config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                "model.safetensors.index.json", "tokenizer.json", "generation_config.json")) {
            Files.writeString(hf.resolve(f), "{}");
        }
        assertThat(OutputFolder.writtenByUs(hf)).isTrue();
        Files.writeString(hf.resolve("train.py"), "print()");
        assertThat(OutputFolder.writtenByUs(hf)).isFalse();               // one file of the user's: not ours

        Path noWeights = Files.createDirectory(tmp.resolve("config-only"));
        Files.writeString(noWeights.resolve("config.json"), "{}");
        assertThat(OutputFolder.writtenByUs(noWeights)).isFalse();
        Files.createDirectory(hf.resolve("sub"));
        Files.delete(hf.resolve("train.py"));
        assertThat(OutputFolder.writtenByUs(hf)).isFalse();               // a sub-folder: not ours either
    }

    @Test
    void theRootTheHomeAndTheWorkingDirectoryAreNeverReplaced() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(OutputFolder.protectedReason(Path.of("/"))).isEqualTo("is the root of the file system");
        assertThat(OutputFolder.protectedReason(Path.of(System.getProperty("user.home")))).isEqualTo("is the home folder");
        assertThat(OutputFolder.protectedReason(cwd)).isEqualTo("is the working directory");
        assertThat(OutputFolder.protectedReason(cwd.getParent())).isIn("holds the working directory",
                "holds the home folder", "is the home folder", "is the root of the file system");
        assertThat(OutputFolder.protectedReason(tmp)).isNull();
        assertThatThrownBy(() -> OutputFolder.check(Path.of("/"), true)).hasMessageContaining("is the root");
        assertThatThrownBy(() -> OutputFolder.check(cwd, true)).hasMessageContaining("is the working directory");
    }

    @Test
    void publishRefusesKeepsOrReplacesAsAsked() throws IOException {
        Path target = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        Path next = filled(ModelFolders.tempSibling(target, "tmp"));
        assertThatThrownBy(() -> ModelFolders.publish(next, target, ModelFolders.IfExists.OVERWRITE))
                .isInstanceOf(OutputFolderException.class);
        assertThatThrownBy(() -> ModelFolders.publish(next, target, ModelFolders.IfExists.REFUSE))
                .isInstanceOf(OutputFolderException.class);
        assertThat(names(target)).containsExactly("notes.txt");
        assertThat(ModelFolders.publish(next, target, ModelFolders.IfExists.KEEP)).isFalse();
        assertThat(names(target)).containsExactly("notes.txt");
        assertThat(names(tmp)).containsExactly("m");

        Files.delete(target.resolve("notes.txt"));
        assertThat(ModelFolders.publish(filled(ModelFolders.tempSibling(target, "tmp")), target,
                ModelFolders.IfExists.REFUSE)).isTrue();                   // an empty folder is taken
        assertThat(names(target)).containsExactly(OutputFolder.MARKER, "config.json");
        Files.writeString(target.resolve("config.json"), "{\"old\": true}");
        assertThat(ModelFolders.publish(filled(ModelFolders.tempSibling(target, "tmp")), target,
                ModelFolders.IfExists.OVERWRITE)).isTrue();                // ours: replaced
        assertThat(Files.readString(target.resolve("config.json"))).isEqualTo("{}");
        assertThat(names(tmp)).containsExactly("m");
    }

    @Test
    void createInPlaceReplacesOnlyOurs() throws IOException {
        Path run = tmp.resolve("run");
        OutputFolder.createInPlace(run, false);
        Files.writeString(run.resolve("loss.png"), "x");
        assertThatThrownBy(() -> OutputFolder.createInPlace(run, false)).isInstanceOf(OutputFolderException.class);
        OutputFolder.createInPlace(run, true);
        assertThat(names(run)).containsExactly(OutputFolder.MARKER);
        assertThat(names(tmp)).containsExactly("run");
    }

    private static Path filled(Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
