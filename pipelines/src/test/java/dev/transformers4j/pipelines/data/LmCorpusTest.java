package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text file as nanoGPT prepares it: tokenized once, 90% training windows, 10% validation windows. */
class LmCorpusTest {

    @TempDir
    Path tmp;

    @Test
    void readsTokenizesSplitsAndCutsIntoWindows() throws IOException {
        Path file = Files.writeString(tmp.resolve("input.txt"), "abcdefghij".repeat(10));    // 100 characters
        LmCorpus corpus = LmCorpus.read(file, "char");
        assertThat(corpus.tokenizer().vocabSize()).isEqualTo(11);                        // a..j and <unk>
        assertThat(corpus.train().size()).isEqualTo(90);
        assertThat(corpus.validation().size()).isEqualTo(10);
        assertThat(corpus.train().ids()).startsWith(0, 1, 2);
        assertThat(corpus.trainWindows(8).size()).isEqualTo(83);
        assertThat(corpus.validationWindows(8, 0).size()).isEqualTo(2);                  // 9 predictions, 7 + 2
        assertThat(corpus.validationWindows(8, 1).size()).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsAnErrorNamingIt() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        assertThatThrownBy(() -> LmCorpus.read(empty, "char")).isInstanceOf(DataFileException.class)
                .hasMessage(empty + ": the text is empty");
    }
}
