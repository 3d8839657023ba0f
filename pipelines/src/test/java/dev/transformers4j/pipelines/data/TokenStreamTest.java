package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nanoGPT's data preparation: the 90/10 split by tokens (the windows are {@link LmWindowsTest}'s). */
class TokenStreamTest {

    @TempDir
    Path tmp;

    /** 0, 1, 2, ..., n − 1: a window's content then says where it started. */
    static TokenStream counting(int n) {
        return TokenStream.of(IntStream.range(0, n).toArray());
    }

    @Test
    void splitsTheFirstNinetyPercentForTrainingAsNanoGpt() {
        TokenStream.Split s = counting(1000).split();
        assertThat(s.train().size()).isEqualTo(900);
        assertThat(s.validation().size()).isEqualTo(100);
        assertThat(s.validation().ids()[0]).isEqualTo(900);
        // tinyshakespeare's 1,115,394 characters: int(0.9 * n) = 1,003,854 for training
        TokenStream.Split shakespeare = counting(1_115_394).split();
        assertThat(shakespeare.train().size()).isEqualTo(1_003_854);
        assertThat(shakespeare.validation().size()).isEqualTo(111_540);
        assertThatThrownBy(() -> counting(10).split(1.0)).hasMessageContaining("(0, 1)");
    }

    @Test
    void readsAndTokenizesAFileWithTheCharTokenizer() throws IOException {
        Path file = Files.writeString(tmp.resolve("input.txt"), CharTokenizerBuilderTest.SAMPLE, StandardCharsets.UTF_8);
        String text = TextFiles.read(file);
        CorpusTokenizer tok = CorpusTokenizer.resolve("char", text);
        TokenStream s = TokenStream.read(file, tok.tokenizer());
        assertThat(s.size()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(tok.tokenizer().decode(s.ids(), false)).isEqualTo(text);
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        assertThatThrownBy(() -> TokenStream.read(bad, tok.tokenizer())).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(bad + ":2: not valid UTF-8");
    }
}
