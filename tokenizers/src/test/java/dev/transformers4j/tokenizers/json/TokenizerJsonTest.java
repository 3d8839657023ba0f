package dev.transformers4j.tokenizers.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.tokenizers.Truncation;
import dev.transformers4j.tokenizers.models.WordPiece;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reader returns the parts of a {@code tokenizer.json}; {@code Tokenizer} assembles them. */
class TokenizerJsonTest {

    private static final String WORD_PIECE = """
            {"model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "hello": 1}, "unk_token": "[UNK]"},
             "truncation": {"max_length": 8, "strategy": "LongestFirst", "stride": 0, "direction": "Right"}}""";

    @Test
    void parseReturnsThePipelineTruncationAndPadding() {
        TokenizerJson.Parts parts = TokenizerJson.parse(WORD_PIECE, "x.json");
        assertThat(parts.pipeline().model()).isInstanceOf(WordPiece.class);
        assertThat(parts.truncation()).isEqualTo(new Truncation(8, Truncation.Strategy.LONGEST_FIRST, 0,
                Truncation.Direction.RIGHT));
        assertThat(parts.padding()).as("no padding in the file").isNull();
    }

    @Test
    void theReadersDoNotBuildTheTokenizer() throws IOException {
        Path json = Path.of("src/main/java/dev/transformers4j/tokenizers/json");
        try (Stream<Path> files = Files.list(json)) {
            files.forEach(f -> assertThat(read(f)).as(f.toString())
                    .doesNotContain("import dev.transformers4j.tokenizers.Tokenizer;"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
