package dev.transformers4j.models.bert;

import static dev.transformers4j.models.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Hugging Face transformers 4.57.6 on the tiny seeded BERT models of {@code shared/golden}:
 * hidden states, attentions, pooler output, logits and loss, on both kernel backends.
 */
class BertGoldenTest {

    static Stream<Arguments> cases() {
        return Backends.all().flatMap(k -> Stream.of("single_short", "pair_segments", "padded_batch")
                .flatMap(c -> Stream.of(Arguments.of(k, "bert-mlm", c), Arguments.of(k, "bert-seqcls", c))));
    }

    @ParameterizedTest(name = "{1} {2} on {0}")
    @MethodSource("cases")
    void matchesHuggingFace(Kernels kernels, String model, String caseName) {
        JsonNode golden = Golden.json(model + ".json");
        JsonNode c = Golden.testCase(golden, caseName);
        PretrainedModel m = AutoModel.fromPretrained(Golden.dir(model));
        assertThat(m.architecture()).isEqualTo(golden.get("model_class").asText());
        TokenBatch in = batch(c.get("inputs"));
        Backends.with(kernels, () -> {
            ModelOutput out = m.forward(in, ForwardOptions.ALL);
            JsonNode g = c.get("outputs");
            assertClose("last_hidden_state", out.lastHiddenState(), g.get("last_hidden_state"));
            assertClose("hidden_states", Golden.stack(out.hiddenStates()), g.get("hidden_states"));
            assertClose("attentions", Golden.stack(out.attentions()), g.get("attentions"));
            assertClose("logits", out.logits(), g.get("logits"));
            if (g.has("pooler_output")) {
                assertClose("pooler_output", out.poolerOutput(), g.get("pooler_output"));
            }
            float loss = Losses.crossEntropy(out.logits(), Golden.ints(c.get("inputs").get("labels")));
            float expected = Golden.floats(g.get("loss"))[0];
            assertThat((double) loss).as("loss").isCloseTo(expected, org.assertj.core.data.Offset.offset(
                    Golden.ATOL + Golden.RTOL * Math.abs(expected)));
        });
    }

    static TokenBatch batch(JsonNode inputs) {
        int[] shape = Golden.shape(inputs.get("input_ids"));
        return new TokenBatch(shape[0], shape[1], Golden.ints(inputs.get("input_ids")),
                Golden.ints(inputs.get("token_type_ids")), Golden.ints(inputs.get("attention_mask")));
    }
}
