package dev.transformers4j.models.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ConfigJson;
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

class BertConfigAndLoadingTest {

    @TempDir
    Path dir;

    private Path copyGolden(String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(Golden.dir(name).resolve(f), to.resolve(f));
        }
        return to;
    }

    @Test
    void configReadsHfNamesAndWritesThemBack() {
        BertConfig c = BertConfig.read(Golden.dir("bert-seqcls").resolve("config.json"));
        assertThat(c.hiddenSize()).isEqualTo(64);
        assertThat(c.headSize()).isEqualTo(16);
        assertThat(c.numLabels()).isEqualTo(3);
        assertThat(c.id2label()).containsEntry(2, "LABEL_2");
        ObjectNode json = c.toJson();
        assertThat(json.get("hidden_act").asText()).isEqualTo("gelu");
        assertThat(json.get("label2id").get("LABEL_1").asInt()).isEqualTo(1);
        Path f = dir.resolve("config.json");
        ConfigJson.write(f, json);
        assertThat(BertConfig.read(f)).isEqualTo(c);
    }

    @Test
    void badConfigsNameTheFieldAndTheExpectation() throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"model_type\":\"bert\",\"vocab_size\":10,\"hidden_size\":30,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":4,\"intermediate_size\":8}");
        assertThatThrownBy(() -> BertConfig.read(f)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("config.json").hasMessageContaining("num_attention_heads")
                .hasMessageContaining("divisor of hidden_size 30");
        Files.writeString(f, "{\"model_type\":\"bert\",\"vocab_size\":\"many\"}");
        assertThatThrownBy(() -> BertConfig.read(f)).hasMessageContaining("field 'vocab_size': expected an integer");
        Files.writeString(f, "{\"model_type\":\"bert\",");
        assertThatThrownBy(() -> BertConfig.read(f)).hasMessageContaining("invalid JSON at line 1");
    }

    @Test
    void saveThenLoadGivesTheSameOutputsAndHfNames() throws IOException {
        PretrainedModel m = AutoModel.fromPretrained(Golden.dir("bert-mlm"));
        Path out = dir.resolve("saved");
        m.savePretrained(out);
        try (SafeTensors st = SafeTensors.open(out.resolve("model.safetensors"));
             SafeTensors golden = SafeTensors.open(Golden.dir("bert-mlm").resolve("model.safetensors"))) {
            // exactly the names and shapes HF stores (the tied decoder weight is not stored twice)
            assertThat(st.names()).containsExactlyInAnyOrderElementsOf(golden.names());
            for (String n : golden.names()) {
                assertThat(st.entry(n).shape()).as(n).containsExactly(golden.entry(n).shape());
            }
        }
        PretrainedModel back = AutoModel.fromPretrained(out);
        TokenBatch in = TokenBatch.of(101, 7, 103, 9, 102);
        assertThat(back.forward(in, ForwardOptions.DEFAULT).logits().toArray())
                .containsExactly(m.forward(in, ForwardOptions.DEFAULT).logits().toArray());
    }

    @Test
    void wrongShapeAndMissingTensorAreNamed() throws IOException {
        Path d = copyGolden("bert-seqcls");
        Map<String, Tensor> ts;
        try (SafeTensors st = SafeTensors.open(d.resolve("model.safetensors"))) {
            ts = new LinkedHashMap<>(st.readAll());
        }
        ts.put("bert.encoder.layer.1.attention.self.key.weight", Tensor.zeros(64, 63));
        SafeTensors.write(d.resolve("model.safetensors"), ts);
        assertThatThrownBy(() -> AutoModel.fromPretrained(d)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("bert.encoder.layer.1.attention.self.key.weight")
                .hasMessageContaining("expected [64, 64] but was [64, 63]");
        ts.remove("bert.encoder.layer.1.attention.self.key.weight");
        SafeTensors.write(d.resolve("model.safetensors"), ts);
        assertThatThrownBy(() -> AutoModel.fromPretrained(d))
                .hasMessageContaining("tensor 'bert.encoder.layer.1.attention.self.key.weight' is missing");
    }

    @Test
    void taskModelLoadsFromABareBaseCheckpointWithANewHead() throws IOException {
        Path d = copyGolden("bert-seqcls");
        Map<String, Tensor> bare = new LinkedHashMap<>();
        try (SafeTensors st = SafeTensors.open(d.resolve("model.safetensors"))) {
            st.readAll().forEach((k, v) -> {
                if (k.startsWith("bert.")) {
                    bare.put(k.substring(5), v);
                }
            });
        }
        SafeTensors.write(d.resolve("model.safetensors"), bare);
        PretrainedModel m = AutoModel.fromPretrained(d);
        assertThat(m).isInstanceOf(BertForSequenceClassification.class);
        assertThat(m.forward(TokenBatch.of(101, 5, 102), ForwardOptions.DEFAULT).logits().shape()).containsExactly(1, 3);
    }

    @Test
    void inputLongerThanThePositionTableIsRefused() {
        PretrainedModel m = AutoModel.fromPretrained(Golden.dir("bert-mlm"));
        int[] ids = new int[65];
        assertThatThrownBy(() -> m.forward(TokenBatch.of(ids), ForwardOptions.DEFAULT))
                .hasMessageContaining("65 tokens is longer than max_position_embeddings = 64");
    }
}
