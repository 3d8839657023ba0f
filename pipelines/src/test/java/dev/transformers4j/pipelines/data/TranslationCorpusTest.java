package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.train.TranslationDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split of a parallel corpus read from two files and encoded into a translation dataset. */
class TranslationCorpusTest {

    @TempDir
    Path tmp;

    /** Characters " abcxyz" are ids 0..6, {@code <unk>} 7, {@code </s>} 8, {@code <pad>} 9. */
    @Test
    void encodesEachPairWithEosAndCutsLongSentencesToTheModelsPositions() throws IOException {
        TranslationCorpus corpus = TranslationCorpus.read("training", write("src", "ab\nba c\n"),
                write("tgt", "xy\nyx z\n"));
        SharedVocabulary tok = SharedVocabulary.resolve("char", corpus.text(), 0);
        TranslationDataset data = corpus.encode(tok, 512, 16);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.source(0)).containsExactly(1, 2, 8);
        assertThat(data.target(1)).containsExactly(5, 4, 0, 6, 8);
        assertThat(corpus.encode(tok, 3, 16).target(1)).containsExactly(5, 4, 8);        // 2 tokens, then </s>
    }

    @Test
    void emptyFilesAndPairsLongerThanTheTokenBudgetAreErrorsNamingThem() throws IOException {
        Path empty = write("empty", "");
        assertThatThrownBy(() -> TranslationCorpus.read("validation", empty, empty)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("the validation files have no sentence pair");
        Path src = write("src", "ab\nba c\n");
        Path tgt = write("tgt", "xy\nyx z\n");
        TranslationCorpus corpus = TranslationCorpus.read("training", src, tgt);
        assertThatThrownBy(() -> corpus.encode(SharedVocabulary.resolve("char", corpus.text(), 0), 512, 4))
                .hasMessage("--max-tokens 4 is smaller than the longest training pair: line 2 of " + src + " / " + tgt
                        + " has 5 source and 5 target tokens (</s> included); give --max-tokens 5 or more");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }
}
