package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j generate} end to end on a GPT-2-layout folder: a small randomly initialised GPT-2 with the real
 * GPT-2 byte-level BPE tokenizer (50257 tokens), saved as config.json + model.safetensors + tokenizer.json.
 */
class GenerateCliTest {

    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void makeModel() throws IOException {
        model = tmp.resolve("tiny-gpt2");
        GPT2Config config = GPT2Config.small().toBuilder().nPositions(64).nEmbd(32).nLayer(2).nHead(4).nInner(64)
                .initializerRange(0.2).build();
        GPT2LMHeadModel m = new GPT2LMHeadModel(config);
        Init.initialize(m, m.namedParameters().keySet(), config.initializerRange(), 7);
        m.savePretrained(model);
        try (InputStream in = GenerateCliTest.class.getResourceAsStream("/golden/gpt2.tokenizer.json")) {
            assertThat(in).as("gpt2.tokenizer.json from the tokenizers test resources").isNotNull();
            Files.copy(in, model.resolve("tokenizer.json"));
        }
    }

    @Test
    void jsonResultsHaveIdsNewIdsAndTheDecodedText() {
        CliRun r = CliRun.of("generate", "--model", model.toString(), "--prompt", "Hello, my name is",
                "--max-new-tokens", "6", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode res = r.json().get("results");
        assertThat(res).hasSize(1);
        Tokenizer tok = Tokenizer.fromFile(model.resolve("tokenizer.json"));
        int[] prompt = tok.encode("Hello, my name is").ids();
        int[] ids = ints(res.get(0).get("ids"));
        int[] newIds = ints(res.get(0).get("new_ids"));
        assertThat(newIds).hasSize(6);
        assertThat(java.util.Arrays.copyOf(ids, prompt.length)).containsExactly(prompt);
        assertThat(java.util.Arrays.copyOfRange(ids, prompt.length, ids.length)).containsExactly(newIds);
        assertThat(res.get(0).get("text").asText()).isEqualTo(tok.decode(newIds, true));
    }

    @Test
    void streamedTextEqualsTheFinalText() {
        CliRun streamed = CliRun.of("generate", "--model", model.toString(), "--prompt", "Once upon a time",
                "--max-new-tokens", "8");
        CliRun json = CliRun.of("generate", "--model", model.toString(), "--prompt", "Once upon a time",
                "--max-new-tokens", "8", "--json");
        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        String text = json.json().get("results").get(0).get("text").asText();
        assertThat(streamed.out().stripTrailing()).isEqualTo(("Once upon a time" + text).stripTrailing());
    }

    @Test
    void seededSamplingIsReproducibleAndBatchesKeepTheirOrder() {
        String[] args = {"generate", "--model", model.toString(), "--prompt", "a", "--prompt", "The quick brown fox",
                "--max-new-tokens", "5", "--temperature", "0.9", "--top-k", "40", "--seed", "3", "--json"};
        JsonNode first = CliRun.of(args).json().get("results");
        JsonNode second = CliRun.of(args).json().get("results");
        assertThat(first).hasSize(2);
        assertThat(first).isEqualTo(second);
        assertThat(first.get(1).get("text").asText()).isNotNull();
    }

    @Test
    void beamsReturnSeveralSequencesPerPrompt() {
        CliRun r = CliRun.of("generate", "--model", model.toString(), "--prompt", "Hello", "--num-beams", "3",
                "--num-return-sequences", "2", "--max-new-tokens", "4", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("results")).hasSize(2);
    }

    @Test
    void badSettingsAndTooLongPromptsAreOneLineErrors() {
        CliRun topP = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--top-p", "0");
        assertThat(topP.exitCode()).isEqualTo(2);
        assertThat(topP.err()).contains("top_p must be in (0, 1]").doesNotContain("\tat ");
        CliRun beams = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--num-beams", "0");
        assertThat(beams.exitCode()).isEqualTo(2);
        assertThat(beams.err()).contains("num_beams");
        CliRun tooLong = CliRun.of("generate", "--model", model.toString(), "--prompt", "word ".repeat(80),
                "--max-new-tokens", "5");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("n_positions");
        CliRun both = CliRun.of("generate", "--model", model.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--prompt TEXT or as --ids");
    }

    private static int[] ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
