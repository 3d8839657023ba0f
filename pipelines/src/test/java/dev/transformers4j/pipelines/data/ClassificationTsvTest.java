package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code text<TAB>label} files: the accepted forms, label mapping, and one clear error per problem. */
class ClassificationTsvTest {

    @TempDir
    Path tmp;

    private Path write(String content) throws IOException {
        return Files.writeString(tmp.resolve("data.tsv"), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsRowsWithLineNumbersTabsInTextCrlfAndBlankLines() throws IOException {
        Path file = write("text\tlabel\r\na fine film .\t1\r\n\r\nbad\tworse\t0\nle café\t1\n\n");
        List<LabeledText> rows = ClassificationTsv.read(file);
        assertThat(rows).containsExactly(new LabeledText("a fine film .", "1", file, 2),
                new LabeledText("bad\tworse", "0", file, 4), new LabeledText("le café", "1", file, 5));
        assertThat(rows.get(1).where()).isEqualTo(file + ":4");
    }

    @Test
    void zeroOneLabelsAreSentiment() throws IOException {
        Path file = write("text\tlabel\ngood\t1\nbad\t0\n");
        LabelSet labels = LabelSet.fromExamples(ClassificationTsv.read(file));
        assertThat(labels.names()).containsExactly("negative", "positive");
        assertThat(labels.id2label()).containsExactly(java.util.Map.entry(0, "negative"), java.util.Map.entry(1, "positive"));
        assertThat(ClassificationTsv.read(file, labels)).containsExactly(new ClassificationExample("good", 1),
                new ClassificationExample("bad", 0));
    }

    @Test
    void namesAndNumbersResolveAgainstAModelsLabels() throws IOException {
        Path file = write("text\tlabel\ngood\tpositive\nbad\t0\nok\t1\n");
        assertThat(ClassificationTsv.read(file, LabelSet.of(LabelSet.SENTIMENT)))
                .extracting(ClassificationExample::label).containsExactly(1, 0, 1);
    }

    @Test
    void otherLabelSets() throws IOException {
        assertThat(LabelSet.fromExamples(ClassificationTsv.read(write("text\tlabel\na\t2\nb\t0\n"))).names())
                .containsExactly("LABEL_0", "LABEL_1", "LABEL_2");
        assertThat(LabelSet.fromExamples(ClassificationTsv.read(write("text\tlabel\na\tsports\nb\tart\nc\tsports\n")))
                .names()).containsExactly("art", "sports");
        assertThat(LabelSet.fromExamples(ClassificationTsv.read(write("text\tlabel\na\t1\n"))).names())
                .containsExactly("LABEL_0", "LABEL_1");
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("nope.tsv");
        assertThatThrownBy(() -> ClassificationTsv.read(file)).isInstanceOf(DataFileException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        Path file = tmp.resolve("latin1.tsv");
        Files.write(file, "text\tlabel\ngood\t1\nna\u00efve\t0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ClassificationTsv.read(file)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ":3: not valid UTF-8 (byte 0xEF");
    }

    @Test
    void missingHeader() throws IOException {
        Path file = write("good\t1\n");
        assertThatThrownBy(() -> ClassificationTsv.read(file))
                .hasMessage(file + ":1: expected the header 'text<TAB>label' but found 'good<TAB>1'");
    }

    @Test
    void missingTab() throws IOException {
        Path file = write("text\tlabel\ngood\t1\nno label here\n");
        assertThatThrownBy(() -> ClassificationTsv.read(file))
                .hasMessage(file + ":3: no tab: expected TEXT<TAB>LABEL but found 'no label here'");
    }

    @Test
    void missingLabel() throws IOException {
        Path file = write("text\tlabel\ngood\t\n");
        assertThatThrownBy(() -> ClassificationTsv.read(file))
                .hasMessage(file + ":2: the label is missing (nothing after the tab)");
    }

    @Test
    void emptyText() throws IOException {
        Path file = write("text\tlabel\ngood\t1\n  \t0\n");
        assertThatThrownBy(() -> ClassificationTsv.read(file)).isInstanceOf(DataFileException.class)
                .hasMessage(file + ":3: the text is empty (label '0')");
    }

    @Test
    void emptyDataset() throws IOException {
        Path file = write("text\tlabel\n\n");
        assertThatThrownBy(() -> ClassificationTsv.read(file)).hasMessage(file + ": no examples (only the header)");
        Path empty = write("");
        assertThatThrownBy(() -> ClassificationTsv.read(empty)).hasMessageContaining(":1: expected the header");
    }

    @Test
    void unknownLabels() throws IOException {
        LabelSet sentiment = LabelSet.of(LabelSet.SENTIMENT);
        Path outOfRange = write("text\tlabel\ngood\t1\nbad\t2\n");
        assertThatThrownBy(() -> ClassificationTsv.read(outOfRange, sentiment)).isInstanceOf(DataFileException.class)
                .hasMessage(outOfRange + ":3: unknown label '2' (expected a class number 0..1 or one of [negative, positive])");
        Path unknownName = write("text\tlabel\ngood\tpos\n");
        assertThatThrownBy(() -> ClassificationTsv.read(unknownName, sentiment))
                .hasMessageStartingWith(unknownName + ":2: unknown label 'pos'");
    }

    @Test
    void labelsOfATrainingFileMustBeConsistent() throws IOException {
        Path mixed = write("text\tlabel\na\t1\nb\tpositive\n");
        assertThatThrownBy(() -> LabelSet.fromExamples(ClassificationTsv.read(mixed)))
                .hasMessage(mixed + ":3: labels mix class numbers ('1' at line 2) and names ('positive'): use one or the other");
        Path negative = write("text\tlabel\na\t-1\n");
        assertThatThrownBy(() -> LabelSet.fromExamples(ClassificationTsv.read(negative)))
                .hasMessage(negative + ":2: label -1 is negative (class numbers start at 0)");
    }

    @Test
    void id2labelMustCoverZeroToN() {
        assertThatThrownBy(() -> LabelSet.of(java.util.Map.of(0, "a", 2, "b")))
                .hasMessage("id2label must have the ids 0..1 but has [0, 2]");
        assertThatThrownBy(() -> LabelSet.of(List.of("a", "a"))).hasMessageContaining("distinct");
    }
}
