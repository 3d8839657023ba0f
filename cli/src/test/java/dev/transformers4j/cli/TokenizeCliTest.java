package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j tokenize} as transformers' {@code tokenizer(text)}: every token although all-MiniLM-L6-v2's
 * tokenizer.json truncates and pads to 128, a warning past the model's limit, truncation only when asked for, and
 * a folder with a tokenizer.json but no config.json.
 */
class TokenizeCliTest {

    @TempDir
    Path tmp;

    private static final String LONG = "word ".repeat(600).strip();   // [CLS] + 600 + [SEP]

    @Test
    void aLongTextShowsEveryTokenWithAWarningPastTheModelsLimit() {
        CliRun r = CliRun.of("tokenize", "--json", LONG);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("ids")).hasSize(602);
        assertThat(r.err()).contains("text 1 has 602 tokens, more than the 512 that all-MiniLM-L6-v2 takes;"
                + " --truncation cuts it");
        assertThat(r.err().strip().lines()).hasSize(1);

        CliRun shortText = CliRun.of("tokenize", "--json", "Hello, world!");
        assertThat(shortText.json().get("ids")).hasSize(6);
        assertThat(shortText.err()).isEmpty();
    }

    @Test
    void truncationCutsToTheModelsLimitOrToMaxLength() {
        CliRun model = CliRun.of("tokenize", "--json", "--truncation", LONG);
        assertThat(model.exitCode()).as(model.err()).isZero();
        assertThat(model.json().get("ids")).hasSize(512);
        assertThat(model.json().get("tokens").get(511).asText()).isEqualTo("[SEP]");
        assertThat(model.err()).isEmpty();

        CliRun sixteen = CliRun.of("tokenize", "--json", "--truncation", "--max-length", "16", LONG);
        assertThat(sixteen.json().get("ids")).hasSize(16);
        CliRun implied = CliRun.of("tokenize", "--json", "--max-length", "16", LONG);
        assertThat(implied.json().get("ids")).isEqualTo(sixteen.json().get("ids"));
    }

    @Test
    void aFolderWithOnlyATokenizerLoadsAndTokenizerConfigGivesTheLimit() throws IOException {
        CliRun.of("tokenize", "converts the built-in model on first use");
        Path dir = Files.createDirectories(tmp.resolve("tok"));
        Files.copy(CliRun.HOME.resolve("models/all-MiniLM-L6-v2/tokenizer.json"), dir.resolve("tokenizer.json"));
        CliRun plain = CliRun.of("tokenize", "--model", dir.toString(), "--json", LONG);
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.json().get("ids")).hasSize(602);
        assertThat(plain.err()).isEmpty();                                      // no limit known: no warning

        CliRun unknown = CliRun.of("tokenize", "--model", dir.toString(), "--truncation", LONG);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("t4j tokenize: --truncation: the model's limit is unknown")
                .endsWith("give --max-length N");

        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 100}");
        CliRun limited = CliRun.of("tokenize", "--model", dir.resolve("tokenizer.json").toString(), "--truncation",
                "--json", LONG);
        assertThat(limited.json().get("ids")).hasSize(100);
    }
}
