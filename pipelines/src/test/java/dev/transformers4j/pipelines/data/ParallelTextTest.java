package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTextTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsLineAlignedFilesWithOrWithoutAFinalLineBreak() throws IOException {
        ParallelText p = ParallelText.read(file("a.en", "A dog runs.\r\nTwo men.\n\nEnd"),
                file("a.de", "Ein Hund rennt.\nZwei Männer.\n\nEnde\n"));
        assertThat(p.size()).isEqualTo(4);
        assertThat(p.source()).containsExactly("A dog runs.", "Two men.", "", "End");
        assertThat(p.target()).containsExactly("Ein Hund rennt.", "Zwei Männer.", "", "Ende");
    }

    @Test
    void emptyFilesHaveNoPairs() throws IOException {
        assertThat(ParallelText.read(file("e.en", ""), file("e.de", "")).size()).isZero();
    }

    /** The error names both files, both counts, and the first line without a partner, at that line of the longer file. */
    @Test
    void misalignedFilesNameBothFilesTheCountsAndTheLine() throws IOException {
        Path en = file("m.en", "one\ntwo\nthree\n");
        Path de = file("m.de", "eins\nzwei\n");
        assertThatThrownBy(() -> ParallelText.read(en, de)).isInstanceOf(DataFileException.class)
                .hasMessage(en + ":3: the files are not line-aligned: " + en + " has 3 lines but " + de
                        + " has 2 (1 more in " + en + "; line 3 has no partner)");
        assertThatThrownBy(() -> ParallelText.read(de, en)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(en + ":3: ").hasMessageContaining(de + " has 2 lines but " + en + " has 3");
    }

    @Test
    void aMissingOrNonUtf8FileIsNamed() throws IOException {
        Path en = file("x.en", "ok\n");
        assertThatThrownBy(() -> ParallelText.read(en, tmp.resolve("missing.de")))
                .isInstanceOf(DataFileException.class).hasMessageContaining("missing.de: file not found");
        Path bad = Files.write(tmp.resolve("bad.de"), new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        assertThatThrownBy(() -> ParallelText.read(file("y.en", "a\nb\n"), bad))
                .isInstanceOf(DataFileException.class).hasMessageStartingWith(bad + ":2: not valid UTF-8");
    }
}
