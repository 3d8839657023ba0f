package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code --dtype float32|int8|bf16} on the commands that run a model: the numbers change a little (the weights are
 * quantised) and stay close; an unknown dtype is one error line naming the allowed values, exit code 2.
 */
class WeightDTypeCliTest {

    private static final String GPT2 = CliTest.golden("gpt2-lm").toString();

    @Test
    void embedAndSimilarityInInt8StayCloseToFloat32() {
        String[] texts = {"A man is playing a guitar.", "Someone plays an instrument."};
        JsonNode fp32 = CliRun.of("embed", "--json", texts[0], texts[1]).json().get("embeddings");
        CliRun int8 = CliRun.of("embed", "--dtype", "int8", "--json", texts[0], texts[1]);
        assertThat(int8.exitCode()).as(int8.err()).isZero();
        JsonNode q = int8.json().get("embeddings");
        for (int i = 0; i < 2; i++) {
            double dot = 0;
            for (int j = 0; j < fp32.get(i).size(); j++) {
                dot += fp32.get(i).get(j).asDouble() * q.get(i).get(j).asDouble();
            }
            assertThat(dot).as("cosine of unit rows, text %d", i).isBetween(0.99, 1.0 - 1e-7);
        }
        CliRun sim = CliRun.of("similarity", "--dtype", "bf16", "--json", texts[0], texts[1]);
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.json().get("similarity")).hasSize(2);
    }

    @Test
    void forwardAndGenerateTakeTheDType() {
        CliRun fp32 = CliRun.of("forward", "--model", GPT2, "--ids", "5,17,123", "--json");
        CliRun bf16 = CliRun.of("forward", "--model", GPT2, "--ids", "5,17,123", "--json", "--dtype", "bf16");
        assertThat(bf16.exitCode()).as(bf16.err()).isZero();
        JsonNode a = fp32.json().get("logits").get("data"), b = bf16.json().get("logits").get("data");
        assertThat(b.size()).isEqualTo(a.size());
        double maxDiff = 0;
        for (int i = 0; i < a.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a.get(i).asDouble() - b.get(i).asDouble()));
        }
        assertThat(maxDiff).as("bf16 logits: rounded weights, close values").isGreaterThan(0).isLessThan(0.1);

        CliRun gen = CliRun.of("generate", "--model", GPT2, "--ids", "5,17,123", "--max-new-tokens", "4", "--greedy",
                "--json", "--dtype", "int8");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        assertThat(gen.json().get("results").get(0).get("new_ids")).hasSize(4);
    }

    @Test
    void anUnknownDTypeNamesTheAllowedValues() {
        for (String command : new String[] {"embed", "similarity", "forward", "generate"}) {
            CliRun r = CliRun.of(command, "--dtype", "int4", "--model", GPT2, "--ids", "1", "x");
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(command)
                    .contains("--dtype").contains("expected one of float32, int8, bf16 but was 'int4'");
        }
    }
}
