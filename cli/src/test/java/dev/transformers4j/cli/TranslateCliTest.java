package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.testing.GoldenMarian;
import dev.transformers4j.train.metrics.Bleu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j translate} and {@code t4j evaluate --src/--ref} end to end on the golden tiny Marian with a word-level
 * tokenizer.json over its ids ({@link GoldenMarian}): the words of HF's greedy_batch sources translate to the words
 * of HF's generated ids.
 */
class TranslateCliTest {

    @TempDir
    static Path tmp;
    static String model;
    static List<String> sources = new ArrayList<>();
    static List<String> expected = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        model = GoldenMarian.folderWithTokenizer(tmp.resolve("marian")).toString();
        JsonNode c = Seq2SeqCliTest.generateCase("greedy_batch");
        JsonNode ids = c.get("inputs").get("input_ids");
        JsonNode mask = c.get("inputs").get("attention_mask").get("data");
        JsonNode seq = c.get("outputs").get("sequences").get("data");
        for (int row = 0; row < 2; row++) {
            int[] src = Arrays.stream(Seq2SeqCliTest.realIds(ids, mask, row).split(",")).mapToInt(Integer::parseInt)
                    .toArray();
            sources.add(GoldenMarian.text(src));
            int[] out = new int[20];
            for (int i = 0; i < 20; i++) {
                out[i] = seq.get(row * 21 + 1 + i).asInt();
            }
            expected.add(GoldenMarian.text(out));
        }
    }

    @Test
    void translateTextsFromArgumentsAsJson() {
        CliRun r = CliRun.of("translate", "--model", model, "--max-new-tokens", "20", "--json", sources.get(0),
                sources.get(1));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"translations\":[\"" + expected.get(0) + "\",\"" + expected.get(1) + "\"]}\n");
    }

    @Test
    void translateAFileOrStandardInputOneLinePerText() throws IOException {
        Path file = Files.writeString(tmp.resolve("in.txt"), sources.get(1) + "\n" + sources.get(0) + "\n");
        CliRun fromFile = CliRun.of("translate", "--model", model, "--max-new-tokens", "20", "--batch-size", "1",
                "--file", file.toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo(expected.get(1) + "\n" + expected.get(0) + "\n");
        CliRun fromStdin = CliRun.withStdin(sources.get(1) + "\r\n" + sources.get(0), "translate", "--model", model,
                "--max-new-tokens", "20");
        assertThat(fromStdin.out()).isEqualTo(fromFile.out());
    }

    @Test
    void translateTakesSourceIdsAsGenerateAndForwardDo() throws IOException {
        JsonNode c = Seq2SeqCliTest.generateCase("greedy_batch");
        String ids = Seq2SeqCliTest.realIds(c.get("inputs").get("input_ids"),
                c.get("inputs").get("attention_mask").get("data"), 0);
        CliRun r = CliRun.of("translate", "--model", model, "--max-new-tokens", "20", "--json", "--ids", ids);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("translations").get(0).asText()).isEqualTo(expected.get(0));
        assertThat(r.json().get("new_ids").get(0)).hasSize(20);

        String bare = CliTest.golden("marian-mt").toString();                 // no tokenizer: the ids are the answer
        CliRun idsOnly = CliRun.of("translate", "--model", bare, "--max-new-tokens", "20", "--json", "--ids", ids);
        assertThat(idsOnly.exitCode()).as(idsOnly.err()).isZero();
        assertThat(idsOnly.json().get("translations").get(0).isNull()).isTrue();
        assertThat(idsOnly.json().get("new_ids")).isEqualTo(r.json().get("new_ids"));
        CliRun generated = CliRun.of("generate", "--model", bare, "--max-new-tokens", "20", "--json", "--ids", ids);
        assertThat(idsOnly.json().get("new_ids").get(0)).isEqualTo(generated.json().get("results").get(0).get("new_ids"));

        CliRun both = CliRun.of("translate", "--model", model, "--ids", ids, "t5");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give the sources either as texts or as --ids 1,2,3, not both");
    }

    @Test
    void generateWithAPromptTakesItAsTheSource() {
        CliRun r = CliRun.of("generate", "--model", model, "--prompt", sources.get(0), "--max-new-tokens", "20",
                "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode result = r.json().get("results").get(0);
        assertThat(result.get("text").asText()).isEqualTo(expected.get(0));
        assertThat(result.get("ids").get(0).asInt()).as("decoder_start_token_id").isEqualTo(999);
        assertThat(result.get("new_ids")).hasSize(20);
    }

    @Test
    void beamSearchFromTheCommandLine() throws IOException {
        JsonNode c = Seq2SeqCliTest.generateCase("beam4_single");    // HF's best of 4 beams is its first sequence
        JsonNode ids = c.get("inputs").get("input_ids");
        JsonNode seq = c.get("outputs").get("sequences").get("data");
        int[] src = new int[ids.get("shape").get(1).asInt()];
        Arrays.setAll(src, i -> ids.get("data").get(i).asInt());
        int[] best = new int[20];
        Arrays.setAll(best, i -> seq.get(1 + i).asInt());
        CliRun r = CliRun.of("translate", "--model", model, "--max-new-tokens", "20", "--num-beams", "4",
                GoldenMarian.text(src));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(GoldenMarian.text(best) + "\n");
    }

    @Test
    void aSourceLongerThanTheModelTakesIsRefusedUnlessTruncateIsGiven() {
        String tooLong = "t7 ".repeat(130).strip();
        CliRun refused = CliRun.of("translate", "--model", model, "t5", tooLong);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("t4j translate: text 2 has 131 tokens but the model takes at most"
                + " 128 (max_position_embeddings); truncation is off (t4j translate --truncation,"
                + " TruncationPolicy.TRUNCATE)");
        CliRun cut = CliRun.of("translate", "--model", model, "--truncate", "--max-new-tokens", "2", tooLong);
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(cut.err()).contains("text 1 has 131 tokens; truncated to the 128");
    }

    @Test
    void evaluatePrintsCorpusBleuOfTheTranslations() throws IOException {
        Path src = Files.writeString(tmp.resolve("src.txt"), String.join("\n", sources) + "\n");
        Path exact = Files.writeString(tmp.resolve("exact.txt"), String.join("\n", expected) + "\n");
        CliRun r = CliRun.of("evaluate", "--model", model, "--src", src.toString(), "--ref", exact.toString(),
                "--max-new-tokens", "20", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // exp(log 100) = 100.00000000000004, in Python (sacreBLEU) as in Java
        assertThat(r.json().get("bleu").asDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(r.json().get("n").asInt()).isEqualTo(2);

        List<String> refs = List.of(expected.get(0).substring(0, 40) + " t5 t6", "t239 t239 t1 t239");
        Path partial = Files.writeString(tmp.resolve("partial.txt"), String.join("\n", refs));
        CliRun text = CliRun.of("evaluate", "--model", model, "--src", src.toString(), "--ref", partial.toString(),
                "--max-new-tokens", "20", "--batch-size", "1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().strip()).isEqualTo(Bleu.corpus(expected, refs).format());
        assertThat(text.out()).startsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = ");
        CliRun json = CliRun.of("evaluate", "--model", model, "--src", src.toString(), "--ref", partial.toString(),
                "--max-new-tokens", "20", "--json");
        assertThat(json.json().get("bleu").asDouble()).isCloseTo(Bleu.corpus(expected, refs).score(), within(1e-12));
    }

    @Test
    void evaluateNamesTheFilesAndLineWhenSourceAndReferenceDoNotPairUp() throws IOException {
        Path src = Files.writeString(tmp.resolve("three.txt"), "t5\nt6\nt7\n");
        Path ref = Files.writeString(tmp.resolve("two.txt"), "t5\nt6\n");
        CliRun r = CliRun.of("evaluate", "--model", model, "--src", src.toString(), "--ref", ref.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("t4j evaluate: " + src + ":3: " + src + " has 3 lines but " + ref
                + " has 2: the files must be line-aligned");
        Path emptyRef = Files.writeString(tmp.resolve("empty-ref.txt"), "t5\n\nt7\n");
        CliRun empty = CliRun.of("evaluate", "--model", model, "--src", src.toString(), "--ref", emptyRef.toString());
        assertThat(empty.err()).contains(emptyRef + ":2: empty reference line");
        CliRun half = CliRun.of("evaluate", "--model", model, "--src", src.toString());
        assertThat(half.err()).contains("translation needs both --src FILE and --ref FILE (missing --ref)");
        CliRun mixed = CliRun.of("evaluate", "--model", model, "--data", src.toString(), "--num-beams", "2");
        assertThat(mixed.err()).contains("--num-beams, --max-new-tokens and --batch-size apply to translation");
    }

    @Test
    void aMarianFolderWithABrokenSentencePieceFileIsOneClearError() throws IOException {
        Path spm = GoldenMarian.folderWithTokenizer(tmp.resolve("spm"));
        Files.delete(spm.resolve("tokenizer.json"));
        Files.writeString(spm.resolve("source.spm"), "");
        CliRun r = CliRun.of("translate", "--model", spm.toString(), "t5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("source.spm").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
