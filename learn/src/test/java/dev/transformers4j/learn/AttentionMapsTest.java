package dev.transformers4j.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The maps equal HF's {@code attentions} on the golden checkpoints; rows are distributions; GPT-2's are causal. */
class AttentionMapsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"bert-mlm, single_short, attentions",
            "gpt2-lm, single_short, attentions", "gpt2-lm, single_long, attentions",
            "marian-mt, single, encoder_attentions"})
    void equalHuggingFaceAttentions(String model, String caseName, String field) {
        LoadedModel m = switch (model) {
            case "bert-mlm" -> GoldenModels.BERT;
            case "gpt2-lm" -> GoldenModels.GPT2;
            default -> GoldenModels.MARIAN;
        };
        JsonNode c = GoldenModels.testCase(model, caseName);
        AttentionMaps maps = AttentionMaps.of(m, GoldenModels.tokens(m, c));
        assertThat(maps.layerCount()).isEqualTo(2);
        assertThat(maps.headCount()).isEqualTo(4);
        Golden.assertClose(field, stacked(maps), c.get("outputs").get(field));
    }

    /** {@code [L][H][T][T]} → a tensor {@code [L, 1, H, T, T]} as HF stacks them. */
    private static Tensor stacked(AttentionMaps maps) {
        int l = maps.layerCount();
        int h = maps.headCount();
        int t = maps.tokens().size();
        float[] out = new float[l * h * t * t];
        int i = 0;
        for (float[][][] layer : maps.weights()) {
            for (float[][] head : layer) {
                for (float[] row : head) {
                    System.arraycopy(row, 0, out, i, t);
                    i += t;
                }
            }
        }
        return Tensor.of(out, l, 1, h, t, t);
    }

    @Test
    void everyRowIsADistributionAndGpt2IsCausal() {
        JsonNode c = GoldenModels.testCase("gpt2-lm", "single_long");
        AttentionMaps gpt2 = AttentionMaps.of(GoldenModels.GPT2, GoldenModels.tokens(GoldenModels.GPT2, c));
        AttentionMaps bert = AttentionMaps.of(GoldenModels.BERT,
                GoldenModels.tokens(GoldenModels.BERT, GoldenModels.testCase("bert-mlm", "single_short")));
        assertThat(gpt2.causal()).isTrue();
        assertThat(bert.causal()).isFalse();
        for (AttentionMaps maps : List.of(gpt2, bert)) {
            for (float[][][] layer : maps.weights()) {
                for (float[][] head : layer) {
                    for (float[] row : head) {
                        double sum = 0;
                        for (float w : row) {
                            sum += w;
                        }
                        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
        float[][] head = gpt2.head(1, 3);
        for (int q = 0; q < head.length; q++) {
            for (int k = q + 1; k < head.length; k++) {
                assertThat(head[q][k]).as("query %d, key %d", q, k).isZero();
            }
        }
        assertThat(bert.head(0, 0)[0][bert.tokens().size() - 1]).isPositive();
    }

    @Test
    void unknownLayerOrHeadNamesTheValidRange() {
        AttentionMaps maps = AttentionMaps.of(GoldenModels.BERT, GoldenModels.BERT.tokens(new int[] {101, 7, 102}));
        assertThatThrownBy(() -> maps.head(2, 0)).hasMessage(
                "layer 2 does not exist: expected 0..1 (the model has 2 layers)");
        assertThatThrownBy(() -> maps.head(0, -1)).hasMessage(
                "head -1 does not exist: expected 0..3 (each layer has 4 heads)");
    }

    @Test
    void serializesAsJsonWithNamedFields() throws Exception {
        AttentionMaps maps = AttentionMaps.of(GoldenModels.GPT2, GoldenModels.GPT2.tokens(new int[] {5, 6}));
        JsonNode json = new ObjectMapper().valueToTree(maps);
        assertThat(json.get("tokens").get(1).get("id").asInt()).isEqualTo(6);
        assertThat(json.get("tokens").get(1).get("text").asText()).isEqualTo("#6");
        assertThat(json.get("causal").asBoolean()).isTrue();
        assertThat(json.get("weights").size()).isEqualTo(2);
        assertThat(json.get("weights").get(0).get(0).get(0).get(0).asDouble()).isEqualTo(1.0);
    }
}
