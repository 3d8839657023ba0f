package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.pipelines.TextClassificationPipeline;
import dev.transformers4j.pipelines.data.LabelSet;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The text-classification pipeline's probabilities on HF's tiny seeded {@code BertForSequenceClassification}
 * (golden {@code bert-seqcls}, 3 labels): the softmax of HF's logits, on each golden batch, padding included.
 */
class ClassificationGoldenTest {

    /** The golden model has no tokenizer; the pipeline's scores() takes ids, so any tokenizer will do. */
    private static final String TOKENIZER = "{\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\","
            + "\"vocab\":{\"[UNK]\":0,\"[PAD]\":1}}}";

    @Test
    void scoresAreTheSoftmaxOfHfLogits() throws IOException {
        var model = BertForSequenceClassification.fromPretrained(CliTest.golden("bert-seqcls"));
        var pipeline = new TextClassificationPipeline("bert-seqcls", model, Tokenizer.fromJson(TOKENIZER, "test"),
                LabelSet.of(model.config().id2label()), 64);
        assertThat(pipeline.labels().names()).containsExactly("LABEL_0", "LABEL_1", "LABEL_2");
        for (JsonNode c : CliTest.goldenJson("bert-seqcls.json").get("cases")) {
            JsonNode in = c.get("inputs");
            int b = in.get("input_ids").get("shape").get(0).asInt();
            int t = in.get("input_ids").get("shape").get(1).asInt();
            TokenBatch batch = new TokenBatch(b, t, ints(in.get("input_ids")), ints(in.get("token_type_ids")),
                    ints(in.get("attention_mask")));
            float[][] scores = pipeline.scores(batch);
            JsonNode logits = c.get("outputs").get("logits").get("data");
            for (int row = 0; row < b; row++) {
                double[] p = softmax(logits, row * 3, 3);
                for (int k = 0; k < 3; k++) {
                    assertThat(scores[row][k]).as("%s row %d label %d", c.get("name").asText(), row, k)
                            .isCloseTo((float) p[k], within(1e-5f));
                }
            }
        }
    }

    private static int[] ints(JsonNode tensor) {
        JsonNode data = tensor.get("data");
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i).asInt();
        }
        return out;
    }

    private static double[] softmax(JsonNode x, int from, int n) {
        double[] e = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(x.get(from + i).asDouble());
            sum += e[i];
        }
        for (int i = 0; i < n; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
