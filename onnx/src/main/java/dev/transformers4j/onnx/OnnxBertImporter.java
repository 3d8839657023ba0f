package dev.transformers4j.onnx;

import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an ONNX export of a BERT encoder ({@code torch.onnx.export} of HF's {@code BertModel}, as shipped
 * by Xenova / optimum / langchain4j) into HF's {@code config.json} values and state-dict tensors.
 *
 * <p>Sizes come from tensor shapes (V, C, F, positions, token types, layers); the number of heads, LayerNorm
 * ε and the activation come from the graph's operators ({@link BertGraphReader}); weights are found by HF
 * name or through the nodes that read them ({@link OnnxWeights}), and every one is checked against the
 * shape HF's {@code BertModel} gives it. Graphs fused or quantized by ONNX Runtime are refused.
 */
public final class OnnxBertImporter {

    /** HF's config and state dict of an imported model (tensors in module order, HF names). */
    public record ImportedBert(BertConfig config, Map<String, Tensor> tensors) {
        public ImportedBert {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    private static final Pattern LAYER = Pattern.compile("encoder[./]layer\\.(\\d+)[./]");
    private static final Set<String> QUANTIZED = Set.of("DynamicQuantizeLinear", "MatMulInteger",
            "QLinearMatMul", "DequantizeLinear", "QuantizeLinear", "ConvInteger");

    private OnnxBertImporter() {
    }

    /**
     * Reads an ONNX BERT file.
     *
     * @throws ModelFileException naming the file (and tensor) when it is not an ONNX model, is not a BERT
     *     encoder this importer understands, or lacks a tensor or holds one of the wrong shape
     */
    public static ImportedBert importBert(Path onnxFile) {
        return importBert(OnnxModel.read(onnxFile));
    }

    /** Imports an already parsed model (see {@link #importBert(Path)}). */
    public static ImportedBert importBert(OnnxModel model) {
        rejectOptimizedGraph(model);
        OnnxWeights weights = new OnnxWeights(model);
        BertConfig config = inferConfig(model, weights);
        boolean pooler = weights.initializer("pooler.dense.bias") != null;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (BertParameters.Parameter p : BertParameters.of(config, pooler)) {
            Tensor t = p.linearModule() == null ? weights.named(p.name()) : weights.linearWeight(p.linearModule());
            if (t == null) {
                throw new ModelFileException(model.file(), "tensor '" + p.name() + "' not found: no initializer of"
                        + " that name" + (p.linearModule() == null ? "" : " and no MatMul beside the bias '"
                        + p.linearModule() + ".bias' or named '/" + p.linearModule().replace('.', '/') + "/MatMul'"));
            }
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new ModelFileException(model.file(), "tensor '" + p.name() + "': expected "
                        + Shape.str(p.shape()) + " but was " + Shape.str(t.shape()));
            }
            tensors.put(p.name(), t);
        }
        return new ImportedBert(config, tensors);
    }

    /** The config: sizes from tensor shapes, heads / ε / activation from the graph. */
    static BertConfig inferConfig(OnnxModel model, OnnxWeights weights) {
        int[] word = requiredShape(model, weights, "embeddings.word_embeddings.weight", 2);   // [V, C]
        int[] positions = requiredShape(model, weights, "embeddings.position_embeddings.weight", 2);   // [P, C]
        int[] types = requiredShape(model, weights, "embeddings.token_type_embeddings.weight", 2);   // [TV, C]
        int[] ffnBias = requiredShape(model, weights, "encoder.layer.0.intermediate.dense.bias", 1);   // [F]
        int hidden = word[1];
        BertGraphReader graph = new BertGraphReader(model);
        int heads = graph.numAttentionHeads(hidden, weights.biasAddOutput("encoder.layer.0.attention.self.query"));
        double eps = layerNormEps(model, weights, graph);
        String intermediate = weights.biasAddOutput("encoder.layer.0.intermediate.dense");
        if (intermediate == null) {
            throw new ModelFileException(model.file(), "cannot find the feed-forward layer: no Add reads"
                    + " 'encoder.layer.0.intermediate.dense.bias'");
        }
        Activation act = graph.activation(intermediate);
        try {
            return BertConfig.base(word[0]).toBuilder().hiddenSize(hidden).numHiddenLayers(countLayers(model))
                    .numAttentionHeads(heads).intermediateSize(ffnBias[0]).hiddenAct(act)
                    .maxPositionEmbeddings(positions[0]).typeVocabSize(types[0]).layerNormEps(eps).build();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model.file(), "inferred config is invalid: " + e.getMessage(), e);
        }
    }

    // every LayerNorm of HF's BertModel shares config.layer_norm_eps: read them all, insist they agree
    private static double layerNormEps(OnnxModel model, OnnxWeights weights, BertGraphReader graph) {
        Set<Double> values = new TreeSet<>();
        for (TensorProto t : model.initializers().values()) {
            if (t.getName().endsWith("LayerNorm.weight")) {
                values.add(graph.layerNormEps(t.getName()));
            }
        }
        if (values.size() != 1) {
            throw new ModelFileException(model.file(), values.isEmpty() ? "no LayerNorm weights found"
                    : "the LayerNorms use different epsilons " + values + "; HF's BertConfig has one layer_norm_eps");
        }
        return values.iterator().next();
    }

    // L = 1 + the largest i in initializer names encoder.layer.{i}.* or node names /encoder/layer.{i}/*
    private static int countLayers(OnnxModel model) {
        int layers = 0;
        for (String name : model.initializers().keySet()) {
            layers = Math.max(layers, layerIndex(name) + 1);
        }
        for (NodeProto node : model.nodes()) {
            layers = Math.max(layers, layerIndex(node.getName()) + 1);
        }
        return layers;
    }

    private static int layerIndex(String name) {
        Matcher m = LAYER.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int[] requiredShape(OnnxModel model, OnnxWeights weights, String name, int rank) {
        TensorProto t = weights.initializer(name);
        if (t == null) {
            throw new ModelFileException(model.file(), "tensor '" + name + "' not found: is this a BERT encoder"
                    + " exported from HF transformers?");
        }
        int[] shape = model.shape(t);
        if (shape.length != rank) {
            throw new ModelFileException(model.file(), "tensor '" + name + "': expected rank " + rank
                    + " but the shape is " + Shape.str(shape));
        }
        return shape;
    }

    // ONNX Runtime's transformer optimizer fuses BERT into contrib ops whose weights are packed (QKV in one)
    private static void rejectOptimizedGraph(OnnxModel model) {
        for (NodeProto node : model.nodes()) {
            if (node.getDomain().equals("com.microsoft")) {
                throw new ModelFileException(model.file(), "the graph was optimized by ONNX Runtime (fused op "
                        + "com.microsoft:" + node.getOpType() + " at node '" + node.getName() + "'); only plain"
                        + " exports are supported: export without optimization (e.g. optimum-cli export onnx"
                        + " without -O, or torch.onnx.export)");
            }
            if (QUANTIZED.contains(node.getOpType())) {
                throw new ModelFileException(model.file(), "the graph is quantized (op " + node.getOpType()
                        + " at node '" + node.getName() + "'); only float32/float16 exports are supported");
            }
        }
    }
}
