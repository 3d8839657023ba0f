package dev.transformers4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.GraphProto;
import dev.transformers4j.onnx.proto.OnnxProto.ModelProto;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: files that are not ONNX, and the real MiniLM graph with tensors removed, resized or fused. */
class OnnxBertImporterErrorsTest {

    private static final Path NAME = Path.of("broken-minilm.onnx");
    private static ModelProto minilm;

    @TempDir
    Path dir;

    @BeforeAll
    static void readMiniLm() {
        minilm = OnnxModel.read(RealModels.onnx(RealModels.MINILM)).proto();
    }

    @Test
    void aFileThatIsNotOnnxIsNamedInTheError() throws IOException {
        Path text = Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 384}\n");
        assertThatThrownBy(() -> OnnxBertImporter.importBert(text))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(text.toString())
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void anEmptyFileIsNotAnOnnxModel() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        assertThatThrownBy(() -> OnnxBertImporter.importBert(empty))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("not an ONNX model");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxBertImporter.importBert(missing))
                .isInstanceOf(ModelFileException.class).hasMessage(missing + ": file not found");
    }

    @Test
    void theUnmodifiedGraphImports() {
        var imported = OnnxBertImporter.importBert(OnnxModel.of(NAME, minilm));
        assertThat(imported.tensors()).hasSize(5 + 6 * 16);
        assertThat(imported.config().hiddenAct()).isEqualTo(Activation.GELU);
    }

    @Test
    void aMissingNamedTensorIsNamed() {
        OnnxModel broken = edit(g -> removeInitializer(g, "encoder.layer.3.output.LayerNorm.bias"));
        assertThatThrownBy(() -> OnnxBertImporter.importBert(broken))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(NAME + ": tensor 'encoder.layer.3.output.LayerNorm.bias' not found");
    }

    @Test
    void aMissingMatMulWeightIsNamedByItsHfName() {
        String anonymous = matMulInput(minilm.getGraph(), "/encoder/layer.2/attention/self/key/MatMul");
        assertThat(anonymous).startsWith("onnx::MatMul_");
        OnnxModel broken = edit(g -> removeInitializer(g, anonymous));
        assertThatThrownBy(() -> OnnxBertImporter.importBert(broken))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(NAME + ": tensor 'encoder.layer.2.attention.self.key.weight' not found");
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        OnnxModel broken = edit(g -> {
            int i = indexOf(g, "embeddings.LayerNorm.bias");
            TensorProto t = g.getInitializer(i);
            return g.toBuilder().setInitializer(i, t.toBuilder().setDims(0, 383)
                    .setRawData(t.getRawData().substring(0, 383 * 4))).build();
        });
        assertThatThrownBy(() -> OnnxBertImporter.importBert(broken))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(NAME + ": tensor 'embeddings.LayerNorm.bias': expected [384] but was [383]");
    }

    @Test
    void aGraphFusedByOnnxRuntimeIsRefusedClearly() {
        OnnxModel fused = edit(g -> g.toBuilder().addNode(NodeProto.newBuilder().setName("Attention_0")
                .setOpType("Attention").setDomain("com.microsoft")).build());
        assertThatThrownBy(() -> OnnxBertImporter.importBert(fused))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("optimized by ONNX Runtime").hasMessageContaining("com.microsoft:Attention");
    }

    @Test
    void externalDataIsRefusedClearly() {
        OnnxModel external = edit(g -> {
            int i = indexOf(g, "embeddings.word_embeddings.weight");
            TensorProto t = g.getInitializer(i).toBuilder().setRawData(ByteString.EMPTY)
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(dev.transformers4j.onnx.proto.OnnxProto.StringStringEntryProto.newBuilder()
                            .setKey("location").setValue("model.onnx_data")).build();
            return g.toBuilder().setInitializer(i, t).build();
        });
        assertThatThrownBy(() -> OnnxBertImporter.importBert(external))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("'embeddings.word_embeddings.weight' is stored in an external data file"
                        + " ('model.onnx_data')");
    }

    private static OnnxModel edit(UnaryOperator<GraphProto> change) {
        return OnnxModel.of(NAME, minilm.toBuilder().setGraph(change.apply(minilm.getGraph())).build());
    }

    private static GraphProto removeInitializer(GraphProto g, String name) {
        return g.toBuilder().removeInitializer(indexOf(g, name)).build();
    }

    private static int indexOf(GraphProto g, String initializer) {
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(initializer)) {
                return i;
            }
        }
        throw new AssertionError("no initializer " + initializer);
    }

    private static String matMulInput(GraphProto g, String nodeName) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(nodeName)).findFirst().orElseThrow().getInput(1);
    }
}
