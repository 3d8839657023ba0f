package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j train tokenizer}: the saved folder, the summary, the JSON summary, and bad input as one-line errors. */
class TrainTokenizerCliTest {
    @TempDir
    static Path tmp;
    static Path en;
    static Path de;

    @BeforeAll
    static void corpus() throws IOException {
        List<String> english = new ArrayList<>();
        List<String> german = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            english.add("A man in a " + (i % 2 == 0 ? "red" : "blue") + " shirt is walking " + i + " dogs.");
            german.add("Ein Mann in einem " + (i % 2 == 0 ? "roten" : "blauen") + " Hemd geht mit " + i + " Hunden.");
        }
        en = Files.write(tmp.resolve("train.en"), english);
        de = Files.write(tmp.resolve("train.de"), german);
    }

    static CliRun train(Path out, String... more) {
        return CliRun.of(CliArgs.with(List.of("train", "tokenizer", "--files", en.toString(), de.toString(),
                "--vocab-size", "320", "--out", out.toString()), more));
    }

    @Test
    void savesAFolderThatLoadsAndAppendsEndOfSequence() {
        Path out = tmp.resolve("byte-level");
        CliRun run = train(out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trained a byte-level BPE tokenizer in ")
                .contains("vocab 320 (4 special tokens, 256 alphabet, 60 merges)")
                .contains("from 400 lines of 2 file(s)").contains("saved " + out.resolve("tokenizer.json"));
        Tokenizer tokenizer = Tokenizer.fromFolder(out);
        Encoding e = tokenizer.encode("A man in a red shirt.");
        assertThat(e.tokens()).endsWith("</s>");
        assertThat(e.ids()).endsWith(1);
        assertThat(tokenizer.decode(e.ids(), true)).isEqualTo("A man in a red shirt.");
        JsonNode config = ConfigJson.readObject(out.resolve("tokenizer_config.json"));
        assertThat(config.toString()).isEqualTo("{\"tokenizer_class\":\"PreTrainedTokenizerFast\",\"pad_token\":\"<pad>\","
                + "\"eos_token\":\"</s>\",\"unk_token\":\"<unk>\",\"bos_token\":\"<s>\",\"clean_up_tokenization_spaces\":false}");
    }

    @Test
    void jsonSummary() {
        Path out = tmp.resolve("whitespace");
        CliRun run = train(out, "--whitespace", "--lowercase", "--special-tokens", "<pad>,</s>,<unk>,<extra>",
                "--min-frequency", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("tokenizer").asText()).isEqualTo(out.resolve("tokenizer.json").toString());
        assertThat(j.get("pipeline").asText()).isEqualTo("whitespace");
        assertThat(j.get("requested_vocab_size").asInt()).isEqualTo(320);
        assertThat(j.get("special_tokens").toString()).isEqualTo("[\"<pad>\",\"</s>\",\"<unk>\",\"<extra>\"]");
        assertThat(j.get("vocab_size").asInt() - 4 - j.get("alphabet").asInt()).isPositive()
                .isLessThanOrEqualTo(j.get("merges").asInt());
        assertThat(j.get("lines").asLong()).isEqualTo(400);
        assertThat(j.get("words").asLong()).isGreaterThan(j.get("distinct_words").asLong());
        assertThat(j.get("seconds").isNumber()).isTrue();
        assertThat(Tokenizer.fromFolder(out).encode("EIN MANN", false).tokens()).containsExactly("ein", "mann");
        assertThat(ConfigJson.readObject(out.resolve("tokenizer_config.json")).get("additional_special_tokens")
                .toString()).isEqualTo("[\"<extra>\"]");
    }

    @Test
    void vocabBelowTheAlphabetIsExplained() {
        CliRun run = train(tmp.resolve("small"), "--vocab-size", "100");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("note: vocab 260, not --vocab-size 100: the special tokens and the alphabet"
                + " are always kept (as in HF)");
    }

    @Test
    void badInputIsOneLine() throws IOException {
        Path missing = tmp.resolve("missing.txt");
        assertError(CliRun.of("train", "tokenizer", "--files", missing.toString(), "--vocab-size", "300", "--out",
                tmp.resolve("x").toString()), "t4j train tokenizer: " + missing + ": file not found");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'o', 'k', '\n', 'M', (byte) 0xE4, 'n', '\n'});
        assertError(CliRun.of("train", "tokenizer", "--files", latin1.toString(), "--vocab-size", "300", "--out",
                tmp.resolve("x").toString()), latin1 + ":2: not valid UTF-8 (byte 0xE4, byte 2 of the line)");
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        assertError(CliRun.of("train", "tokenizer", "--files", empty.toString(), "--vocab-size", "300", "--out",
                tmp.resolve("x").toString()), "no words to learn from: [" + empty + "] is empty");
        assertError(train(tmp.resolve("x"), "--vocab-size", "0"), "--vocab-size: expected >= 1 but was 0");
        assertError(train(tmp.resolve("x"), "--special-tokens", "<pad>,<pad>"), "--special-tokens: expected each token once");
        CliRun both = train(tmp.resolve("x"), "--byte-level", "--whitespace");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive").contains("Try 't4j train tokenizer --help'");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private static void assertError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
