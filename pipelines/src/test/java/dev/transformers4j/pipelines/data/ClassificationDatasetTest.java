package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.train.Batch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled texts as BERT fine-tuning batches: [CLS] text [SEP], cut to the maximum, padded to the longest. */
class ClassificationDatasetTest {

    @TempDir
    Path tmp;

    @Test
    void batchesAreCutToTheMaximumAndPaddedToTheLongestText() throws IOException {
        Tokenizer minilm = bertTokenizer();                         // pads to 128 in its tokenizer.json: replaced
        List<ClassificationExample> examples = List.of(new ClassificationExample("the movie", 1),
                new ClassificationExample("the good movie the good movie", 0), new ClassificationExample("good", 1));
        ClassificationDataset data = ClassificationDataset.of(examples, minilm, 6);
        assertThat(data.size()).isEqualTo(3);
        Batch b = data.batch(new int[] {0, 1});
        assertThat(b.labels()).containsExactly(1, 0);
        assertThat(b.input().length()).isEqualTo(6);
        assertThat(b.input().row(0)).containsExactly(101, 1996, 3185, 102, 0, 0);         // [CLS] the movie [SEP] pad
        assertThat(b.input().row(1)).containsExactly(101, 1996, 2204, 3185, 1996, 102);   // cut to 6, [SEP] last
        assertThat(b.input().attentionMask()).containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1);
        assertThat(data.batch(new int[] {2}).input().ids()).containsExactly(101, 2204, 102);
        assertThat(data.truncatedFraction(6)).isEqualTo(1 / 3.0);
    }

    private Tokenizer bertTokenizer() throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        try (InputStream in = ClassificationDatasetTest.class.getResourceAsStream("/golden/bert-minilm.tokenizer.json")) {
            Files.copy(in, file);
        }
        return Tokenizer.fromFile(file);
    }
}
