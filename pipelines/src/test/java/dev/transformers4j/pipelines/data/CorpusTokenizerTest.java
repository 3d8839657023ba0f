package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tokenizer char|PATH}: what each form loads and what it saves into a model folder. */
class CorpusTokenizerTest {

    @TempDir
    Path tmp;

    @Test
    void charBuildsFromTheTextAndSavesTokenizerJson() {
        CorpusTokenizer t = CorpusTokenizer.resolve("char", "to be or not");
        assertThat(t.vocabSize()).isEqualTo(7 + 1);
        assertThat(t.description()).isEqualTo("characters (7 + <unk>)");
        Path out = tmp.resolve("model");
        t.saveTo(out);
        assertThat(CorpusTokenizer.fromPath(out).tokenizer().encode("to be").ids())
                .containsExactly(t.tokenizer().encode("to be").ids());
    }

    @Test
    void gpt2WithoutFilesSaysWhatToGive() {
        assertThatThrownBy(() -> CorpusTokenizer.resolve("gpt2", "text"))
                .hasMessageContaining("GPT-2's tokenizer is not built in").hasMessageContaining("vocab.json + merges.txt");
    }

    @Test
    void loadsOpenAiFileNamesAndSavesThemUnderHfNames() throws IOException {
        // a two-letter byte-level BPE in OpenAI's file names (encoder.json, vocab.bpe)
        Path dir = Files.createDirectories(tmp.resolve("gpt2-bpe"));
        Files.writeString(dir.resolve("encoder.json"), "{\"h\": 0, \"i\": 1, \"hi\": 2, \"<|endoftext|>\": 3}");
        Files.writeString(dir.resolve("vocab.bpe"), "#version: 0.2\nh i\n");
        CorpusTokenizer t = CorpusTokenizer.resolve(dir.toString(), "ignored");
        assertThat(t.tokenizer().encode("hi", false).ids()).containsExactly(2);
        Path out = tmp.resolve("model");
        t.saveTo(out);
        assertThat(out.resolve("vocab.json")).exists();
        assertThat(out.resolve("merges.txt")).exists();
        assertThat(CorpusTokenizer.fromPath(out).tokenizer().encode("hi", false).ids()).containsExactly(2);
    }

    @Test
    void missingPathsAreClearErrors() throws IOException {
        assertThatThrownBy(() -> CorpusTokenizer.resolve(tmp.resolve("nope").toString(), "x"))
                .hasMessageContaining("no such file or folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> CorpusTokenizer.resolve(empty.toString(), "x"))
                .hasMessageContaining("this folder has no tokenizer.json");
    }
}
