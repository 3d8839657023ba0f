package dev.transformers4j.models.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.SafeTensors;
import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BertForSequenceClassification#fromEncoder}: the encoder comes from the checkpoint (with or without the
 * {@code bert.} prefix), the new head and a missing pooler get HF's initialisation, the labels go to the config.
 */
class BertFromEncoderTest {

    static final Map<Integer, String> SENTIMENT = Map.of(0, "negative", 1, "positive");

    @TempDir
    Path dir;

    /** The golden classifier's encoder as a bare {@code BertModel} folder: prefixless names, no pooler. */
    private Path bareEncoderWithoutPooler() throws IOException {
        Path d = Files.createDirectories(dir.resolve("encoder"));
        Files.copy(Golden.dir("bert-seqcls").resolve("config.json"), d.resolve("config.json"));
        Map<String, Tensor> bare = new LinkedHashMap<>();
        golden().forEach((k, v) -> {
            if (k.startsWith("bert.") && !k.startsWith("bert.pooler.")) {
                bare.put(k.substring(5), v);
            }
        });
        SafeTensors.write(d.resolve("model.safetensors"), bare);
        return d;
    }

    private static Map<String, Tensor> golden() {
        try (SafeTensors st = SafeTensors.open(Golden.dir("bert-seqcls").resolve("model.safetensors"))) {
            return st.readAll();
        }
    }

    @Test
    void prefixedCheckpointKeepsEncoderAndPoolerAndGetsANewHeadWithTheLabels() {
        BertForSequenceClassification m = BertForSequenceClassification.fromEncoder(Golden.dir("bert-seqcls"), SENTIMENT);
        Map<String, Tensor> want = golden();
        m.forEachParameter((name, p) -> {
            if (name.startsWith("bert.")) {
                assertThat(p.value().toArray()).as(name).containsExactly(want.get(name).toArray());
            }
        });
        assertThat(m.config().id2label()).isEqualTo(SENTIMENT);
        assertThat(m.config().architecture()).isEqualTo("BertForSequenceClassification");
        assertThat(m.classifier.weight().shape()).containsExactly(2, 64);        // not the golden's 3 classes
        assertThat(m.classifier.bias().value().toArray()).containsOnly(0f);
        assertThat(std(m.classifier.weight().value())).isCloseTo(0.2, within(0.04));   // initializer_range 0.2
        assertThat(m.forward(TokenBatch.of(101, 7, 102), ForwardOptions.DEFAULT).logits().shape()).containsExactly(1, 2);
    }

    @Test
    void bareCheckpointWithoutPoolerGetsAnInitialisedPoolerAndTheSeedDecides() throws IOException {
        Path encoder = bareEncoderWithoutPooler();
        BertForSequenceClassification a = BertForSequenceClassification.fromEncoder(encoder, SENTIMENT, 1);
        BertForSequenceClassification b = BertForSequenceClassification.fromEncoder(encoder, SENTIMENT, 1);
        BertForSequenceClassification c = BertForSequenceClassification.fromEncoder(encoder, SENTIMENT, 2);
        Map<String, Tensor> want = golden();
        assertThat(a.bert.embeddings().namedParameters().get("word_embeddings.weight").value().toArray())
                .containsExactly(want.get("bert.embeddings.word_embeddings.weight").toArray());
        Tensor pooler = a.namedParameters().get("bert.pooler.dense.weight").value();
        assertThat(pooler.toArray()).isNotEqualTo(want.get("bert.pooler.dense.weight").toArray());
        assertThat(std(pooler)).isCloseTo(0.2, within(0.03));
        assertThat(a.namedParameters().get("bert.pooler.dense.bias").value().toArray()).containsOnly(0f);
        assertThat(pooler.toArray()).containsExactly(b.namedParameters().get("bert.pooler.dense.weight").value().toArray());
        assertThat(a.classifier.weight().value().toArray()).isNotEqualTo(c.classifier.weight().value().toArray());
    }

    @Test
    void missingEncoderTensorAndBadLabelsAreNamed() throws IOException {
        Path encoder = bareEncoderWithoutPooler();
        Map<String, Tensor> ts;
        try (SafeTensors st = SafeTensors.open(encoder.resolve("model.safetensors"))) {
            ts = new LinkedHashMap<>(st.readAll());
        }
        ts.remove("encoder.layer.1.output.dense.weight");
        SafeTensors.write(encoder.resolve("model.safetensors"), ts);
        assertThatThrownBy(() -> BertForSequenceClassification.fromEncoder(encoder, SENTIMENT))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("model.safetensors")
                .hasMessageContaining("tensor 'bert.encoder.layer.1.output.dense.weight' is missing");
        assertThatThrownBy(() -> BertForSequenceClassification.fromEncoder(Golden.dir("bert-seqcls"), Map.of(1, "x")))
                .hasMessageContaining("id2label: expected the class ids 0..0");
        assertThatThrownBy(() -> BertForSequenceClassification.fromEncoder(Golden.dir("bert-seqcls"), Map.of()))
                .hasMessageContaining("at least one");
    }

    private static double std(Tensor t) {
        float[] x = t.toArray();
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / x.length;
        return Math.sqrt(sq / x.length - mean * mean);
    }
}
