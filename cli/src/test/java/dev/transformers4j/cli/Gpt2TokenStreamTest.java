package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.pipelines.data.CorpusTokenizer;
import dev.transformers4j.pipelines.data.TokenStream;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tokenizer PATH} with GPT-2's real tokenizer.json (from the tokenizers test resources): a long text
 * tokenized in pieces gives exactly the ids of the whole text at once, whitespace runs at the cuts included.
 */
class Gpt2TokenStreamTest {

    @TempDir
    Path tmp;

    @Test
    void piecewiseTokenizationEqualsWholeText() throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        try (InputStream in = Gpt2TokenStreamTest.class.getResourceAsStream("/golden/gpt2.tokenizer.json")) {
            assertThat(in).as("gpt2.tokenizer.json from the tokenizers test resources").isNotNull();
            Files.copy(in, file);
        }
        Tokenizer gpt2 = CorpusTokenizer.resolve(file.toString(), "").tokenizer();
        assertThat(gpt2.encode("Hello world", false).ids()).containsExactly(15496, 995);
        String[] pieces = {"First Citizen:\nBefore we proceed any further, hear me speak.\n\n", "All:\nSpeak, speak.\n",
                "  indented line\n", "trailing spaces   \n", "\n\n\nthree blank lines\n", "it's 'tis we'll\n",
                "numbers 1234 and ünïcödé 你好\n", "\tTab\n"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 300_000; i++) {
            s.append(pieces[i % pieces.length]).append(i % 5 == 0 ? "x" : "");
        }
        String text = s.toString();
        assertThat(TokenStream.encode(gpt2, text).ids()).containsExactly(gpt2.encode(text, false).ids());
    }
}
