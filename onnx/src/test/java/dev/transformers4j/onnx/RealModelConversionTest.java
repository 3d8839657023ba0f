package dev.transformers4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.SafeTensors;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Converts the three real models of the langchain4j jars and checks the HF folders against their graphs. */
class RealModelConversionTest {

    /** The expected config, as published on the HF hub for each model. */
    record Expected(String name, int vocab, int hidden, int layers, int heads, int ffn) {
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(new Expected(RealModels.MINILM, 30522, 384, 6, 12, 1536)),
                Arguments.of(new Expected(RealModels.BGE_EN, 30522, 384, 12, 12, 1536)),
                Arguments.of(new Expected(RealModels.BGE_ZH, 21128, 512, 4, 8, 2048)));
    }

    @ParameterizedTest
    @MethodSource("models")
    void configIsInferredFromTheGraph(Expected e) {
        BertConfig c = BertConfig.read(RealModels.converted(e.name()).resolve("config.json"));

        assertThat(c.vocabSize()).isEqualTo(e.vocab());
        assertThat(c.hiddenSize()).isEqualTo(e.hidden());
        assertThat(c.numHiddenLayers()).isEqualTo(e.layers());
        assertThat(c.numAttentionHeads()).isEqualTo(e.heads());
        assertThat(c.intermediateSize()).isEqualTo(e.ffn());
        assertThat(c.maxPositionEmbeddings()).isEqualTo(512);
        assertThat(c.typeVocabSize()).isEqualTo(2);
        assertThat(c.layerNormEps()).isEqualTo(1e-12);
        assertThat(c.hiddenAct()).isEqualTo(Activation.GELU);
        assertThat(c.architectures()).containsExactly("BertModel");
    }

    @ParameterizedTest
    @MethodSource("models")
    void tensorsHaveHfBertModelNamesAndShapes(Expected e) {
        try (SafeTensors st = SafeTensors.open(RealModels.converted(e.name()).resolve("model.safetensors"))) {
            assertThat(st.names()).containsExactlyInAnyOrderElementsOf(hfBertModelNames(e.layers()));
            int c = e.hidden();
            assertThat(st.entry("embeddings.word_embeddings.weight").shape()).containsExactly(e.vocab(), c);
            assertThat(st.entry("embeddings.position_embeddings.weight").shape()).containsExactly(512, c);
            assertThat(st.entry("embeddings.token_type_embeddings.weight").shape()).containsExactly(2, c);
            assertThat(st.entry("encoder.layer.0.attention.self.query.weight").shape()).containsExactly(c, c);
            assertThat(st.entry("encoder.layer.0.intermediate.dense.weight").shape()).containsExactly(e.ffn(), c);
            assertThat(st.entry("encoder.layer.0.intermediate.dense.bias").shape()).containsExactly(e.ffn());
            assertThat(st.entry("encoder.layer.0.output.dense.weight").shape()).containsExactly(c, e.ffn());
            assertThat(st.entry("encoder.layer.0.output.LayerNorm.bias").shape()).containsExactly(c);
        }
    }

    /** The weight read through the node named after the module equals the converted weight, transposed. */
    @ParameterizedTest
    @MethodSource("models")
    void linearWeightsAreTheMatMulInitializersTransposed(Expected e) {
        OnnxModel onnx = OnnxModel.read(RealModels.onnx(e.name()));
        int last = e.layers() - 1;
        try (SafeTensors st = SafeTensors.open(RealModels.converted(e.name()).resolve("model.safetensors"))) {
            for (String module : List.of("encoder.layer.0.attention.self.query", "encoder.layer.0.attention.self.key",
                    "encoder.layer." + last + ".attention.self.value", "encoder.layer.0.intermediate.dense",
                    "encoder.layer." + last + ".output.dense")) {
                Tensor onnxWeight = matMulInitializer(onnx, module);   // [in, out]
                Tensor hf = st.tensor(module + ".weight");            // [out, in]
                assertThat(hf.shape()).containsExactly(onnxWeight.size(1), onnxWeight.size(0));
                assertThat(hf.toArray()).as(module).isEqualTo(onnxWeight.transpose(0, 1).contiguous().toArray());
            }
            assertThat(st.tensor("encoder.layer.1.output.LayerNorm.weight").toArray())
                    .isEqualTo(onnx.floatConstant("encoder.layer.1.output.LayerNorm.weight").toArray());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void tokenizerIsCopiedAndNoTemporaryFolderIsLeft(Expected e) throws IOException {
        Path folder = RealModels.converted(e.name());
        assertThat(Files.mismatch(folder.resolve("tokenizer.json"), RealModels.tokenizer(e.name()))).isEqualTo(-1);
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    private static Tensor matMulInitializer(OnnxModel onnx, String module) {
        String nodeName = "/" + module.replace('.', '/').replaceAll("/(\\d+)/", ".$1/") + "/MatMul";
        NodeProto node = onnx.nodes().stream().filter(n -> n.getName().equals(nodeName)).findFirst().orElseThrow();
        return onnx.floatConstant(node.getInput(1));
    }

    // written out independently of BertParameters: the state dict of transformers' BertModel
    private static Set<String> hfBertModelNames(int layers) {
        Set<String> names = new HashSet<>(List.of("embeddings.word_embeddings.weight",
                "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int i = 0; i < layers; i++) {
            for (String p : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense",
                    "output.LayerNorm")) {
                names.add("encoder.layer." + i + "." + p + ".weight");
                names.add("encoder.layer." + i + "." + p + ".bias");
            }
        }
        return names;
    }
}
