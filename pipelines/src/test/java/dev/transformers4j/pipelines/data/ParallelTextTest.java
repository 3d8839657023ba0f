package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTextTest {

    @TempDir
    Path tmp;

    @Test
    void linesPairUpWithEmptyLinesKeptAndAnyLineEnd() throws IOException {
        Path src = write("src.txt", "\uFEFFein Haus\r\n\r\nzwei\rdrei\n");
        Path ref = write("ref.txt", "a house\n\ntwo\nthree");
        ParallelText p = ParallelText.read(src, ref);
        assertThat(p.source()).containsExactly("ein Haus", "", "zwei", "drei");
        assertThat(p.target()).containsExactly("a house", "", "two", "three");
    }

    @Test
    void filesOfDifferentLengthsNameBothFilesAndTheFirstUnpairedLine() throws IOException {
        Path src = write("src.txt", "x\n".repeat(1000));
        Path ref = write("ref.txt", "y\n".repeat(999));
        assertThatThrownBy(() -> ParallelText.read(src, ref))
                .isInstanceOf(DataFileException.class)
                .hasMessage(src + ":1000: " + src + " has 1,000 lines but " + ref + " has 999: the files must be"
                        + " line-aligned")
                .satisfies(e -> assertThat(((DataFileException) e).line()).isEqualTo(1000));
        assertThatThrownBy(() -> ParallelText.read(ref, src)).hasMessageStartingWith(src + ":1000: ");
    }

    @Test
    void invalidUtf8AndMissingFilesNameTheFile() throws IOException {
        Path good = write("good.txt", "a\n");
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> ParallelText.read(good, bad)).hasMessageStartingWith(bad + ":2: not valid UTF-8");
        assertThatThrownBy(() -> ParallelText.read(tmp.resolve("none.txt"), good))
                .hasMessageContaining("none.txt: file not found");
    }

    @Test
    void lineSplittingFollowsPython() {
        assertThat(TextLines.split("")).isEmpty();
        assertThat(TextLines.split("\n")).containsExactly("");
        assertThat(TextLines.split("a\nb")).containsExactly("a", "b");
        assertThat(TextLines.split("a\r\n\rb\n")).containsExactly("a", "", "b");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }
}
