package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected-layout tables of {@link HfLayout} agree with checkpoints and gradients written by HF itself. */
class HfLayoutTest {

    @Test
    void bertTableIsTheGoldenSequenceClassifierCheckpoint() {
        // golden bert-seqcls: vocab 1000, hidden 64, 2 layers, intermediate 128, 64 positions, 3 labels
        HfLayout.assertLayout(CliTest.golden("bert-seqcls").resolve("model.safetensors"),
                HfLayout.bertForSequenceClassification(1000, 64, 2, 128, 64, 2, 3));
    }

    @Test
    void gpt2TableHasTheGoldenParameterNamesAndShapes() {
        // golden gpt2-lm: vocab 1000, 128 positions, width 64, 2 layers; its gradients name 22 of the parameters
        Map<String, int[]> table = HfLayout.gpt2LmHeadModel(1000, 128, 64, 2);
        assertThat(table).hasSize(2 + 2 * 12 + 2).doesNotContainKey("lm_head.weight");
        JsonNode grads = Golden.json("gpt2-lm.train.json").get("grads");
        List<String> names = new ArrayList<>();
        grads.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(22);
        for (String n : names) {
            assertThat(table).containsKey(n);
            assertThat(table.get(n)).as(n).containsExactly(ints(grads.get(n).get("shape")));
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
