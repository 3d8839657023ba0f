package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tokenizer#fromPretrained} has transformers' {@code AutoTokenizer} semantics on a folder that holds only
 * {@code tokenizer.json}: every token of every golden case, unpadded, although the file itself pads and truncates
 * to 128; truncation when asked for gives the golden file's configured-mode ids without their padding.
 */
class PretrainedTokenizerTest {

    @TempDir
    Path tmp;

    private Path folderWith(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("tokenizer.json"), GoldenTokenizerTest.resource(name + ".tokenizer.json"));
        return dir;
    }

    @Test
    void aFolderWithOnlyTokenizerJsonGivesEveryTokenUnpadded() throws IOException {
        for (String name : new String[] {"bert-minilm", "gpt2"}) {
            Tokenizer tokenizer = Tokenizer.fromPretrained(folderWith(name));
            assertThat(tokenizer.truncation()).isNull();
            assertThat(tokenizer.padding()).isNull();
            for (JsonNode c : GoldenTokenizerTest.golden(name).get("cases")) {
                GoldenTokenizerTest.check(tokenizer, c);
            }
        }
        JsonNode longest = GoldenTokenizerTest.golden("bert-minilm").get("cases").get(23);
        assertThat(Tokenizer.fromPretrained(tmp.resolve("bert-minilm")).encode(longest.get("text").asText()).ids())
                .hasSize(342);
    }

    @Test
    void aTokenizerJsonFileLoadsTheSameWay() throws IOException {
        Path file = folderWith("bert-minilm").resolve("tokenizer.json");
        assertThat(Tokenizer.fromFile(file).encode("hello").ids()).hasSize(128);
        assertThat(Tokenizer.fromPretrained(file).encode("hello").ids()).containsExactly(101, 7592, 102);
    }

    @Test
    void truncationWhenAskedForCutsAsTheFileWould() throws IOException {
        Tokenizer cut = Tokenizer.fromPretrained(folderWith("bert-minilm")).withTruncation(Truncation.of(128));
        JsonNode golden = GoldenTokenizerTest.golden("bert-minilm");
        for (int i = 0; i < golden.get("configured_mode_cases").size(); i++) {
            JsonNode configured = golden.get("configured_mode_cases").get(i);
            int[] mask = GoldenTokenizerTest.ints(configured.get("attention_mask"));
            int real = (int) Arrays.stream(mask).filter(m -> m == 1).count();
            int[] expected = Arrays.copyOf(GoldenTokenizerTest.ints(configured.get("ids")), real);
            assertThat(cut.encode(golden.get("cases").get(i).get("text").asText()).ids())
                    .as(configured.get("id").asText()).containsExactly(expected);
        }
    }
}
