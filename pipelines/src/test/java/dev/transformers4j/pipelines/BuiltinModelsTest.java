package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.ConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in names, their resolution and first-use conversion into {@code $T4J_HOME/models}, caching and errors. */
class BuiltinModelsTest {

    @TempDir
    Path home;

    private String savedHome;

    @BeforeEach
    void setHome() {
        savedHome = System.getProperty("t4j.home");
        System.setProperty("t4j.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) {
            System.clearProperty("t4j.home");
        } else {
            System.setProperty("t4j.home", savedHome);
        }
    }

    @Test
    void namesAreFoundIgnoringCaseWithTheirSentenceTransformersConventions() {
        assertThat(BuiltinModels.all()).extracting(BuiltinModel::name)
                .containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5", "bge-small-zh-v1.5");
        BuiltinModel minilm = BuiltinModels.find("ALL-minilm-l6-V2");
        assertThat(minilm.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(minilm.maxSeqLength()).isEqualTo(256);
        assertThat(BuiltinModels.find("bge-small-en-v1.5").pooling()).isEqualTo(Pooling.CLS);
        assertThat(BuiltinModels.find("bge-small-zh-v1.5").maxSeqLength()).isEqualTo(512);
        assertThat(BuiltinModels.all()).allMatch(BuiltinModel::normalize);
        assertThat(BuiltinModels.find("bert-base-uncased")).isNull();
        assertThat(ModelResolver.home()).isEqualTo(home);
    }

    @Test
    void aBuiltinNameIsConvertedOnFirstUseAndReusedAfterwards() throws IOException {
        Path folder = ModelResolver.resolve("all-minilm-l6-v2");

        assertThat(folder).isEqualTo(home.resolve("models").resolve("all-MiniLM-L6-v2"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "t4j_builtin.json",
                "modules.json", "sentence_bert_config.json", "1_Pooling/config.json"}) {
            assertThat(folder.resolve(f)).isRegularFile();
        }
        assertThat(BertConfig.read(folder.resolve("config.json")).numHiddenLayers()).isEqualTo(6);
        ObjectNode t4j = ConfigJson.readObject(folder.resolve("t4j_builtin.json"));
        assertThat(t4j.path("pooling").asText()).isEqualTo("mean");
        assertThat(t4j.path("normalize").asBoolean()).isTrue();
        assertThat(t4j.path("max_seq_length").asInt()).isEqualTo(256);
        ObjectNode pooling = ConfigJson.readObject(folder.resolve("1_Pooling/config.json"));
        assertThat(pooling.path("pooling_mode_mean_tokens").asBoolean()).isTrue();
        assertThat(pooling.path("pooling_mode_cls_token").asBoolean()).isFalse();
        assertThat(pooling.path("word_embedding_dimension").asInt()).isEqualTo(384);
        assertThat(Files.readString(folder.resolve("modules.json"))).contains("sentence_transformers.models.Pooling")
                .contains("2_Normalize");
        assertThat(BuiltinModels.ofFolder(folder)).isSameAs(BuiltinModels.find("all-MiniLM-L6-v2"));

        FileTime written = Files.getLastModifiedTime(folder.resolve("model.safetensors"));
        long start = System.nanoTime();
        assertThat(ModelResolver.resolve("all-MiniLM-L6-v2")).isEqualTo(folder);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        assertThat(Files.getLastModifiedTime(folder.resolve("model.safetensors"))).isEqualTo(written);
        try (var left = Files.list(folder.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("all-MiniLM-L6-v2");
        }
    }

    @Test
    void bgeUsesClsPooling() {
        Path folder = ModelResolver.resolve("bge-small-zh-v1.5");
        ObjectNode pooling = ConfigJson.readObject(folder.resolve("1_Pooling/config.json"));
        assertThat(pooling.path("pooling_mode_cls_token").asBoolean()).isTrue();
        assertThat(pooling.path("pooling_mode_mean_tokens").asBoolean()).isFalse();
        assertThat(pooling.path("word_embedding_dimension").asInt()).isEqualTo(512);
        assertThat(ConfigJson.readObject(folder.resolve("t4j_builtin.json")).path("pooling").asText()).isEqualTo("cls");
    }

    @Test
    void aFolderWithConfigJsonIsUsedAsIs() throws IOException {
        Path folder = Files.createDirectories(home.resolve("my-model"));
        Files.writeString(folder.resolve("config.json"), "{}");
        assertThat(ModelResolver.resolve(folder.toString())).isEqualTo(folder);
        assertThat(ModelResolver.resolveFolder(folder.toString()).config()).isEqualTo(folder.resolve("config.json"));
    }

    @Test
    void anythingElseIsRefusedListingTheBuiltins() throws IOException {
        Path emptyFolder = Files.createDirectories(home.resolve("empty"));
        for (String arg : new String[] {"bert-base-uncased", emptyFolder.toString()}) {
            assertThatThrownBy(() -> ModelResolver.resolve(arg)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("model '" + arg + "' is neither a folder with config.json nor a built-in model"
                            + " (all-MiniLM-L6-v2, bge-small-en-v1.5, bge-small-zh-v1.5)");
        }
    }

    @Test
    void aMissingJarIsNamedByItsMavenCoordinates() {
        BuiltinModel absent = new BuiltinModel("absent", "absent.onnx", "absent-tokenizer.json", Pooling.MEAN,
                true, 128, "com.example:absent-model:1.0");
        Path target = home.resolve("models").resolve("absent");
        assertThatThrownBy(() -> BuiltinModels.install(absent, target)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'absent.onnx'").hasMessageContaining("com.example:absent-model:1.0")
                .hasMessageContaining("<artifactId>absent-model</artifactId>");
        assertThat(target).doesNotExist();
        assertThat(home.resolve("models")).isEmptyDirectory();
    }
}
