package dev.transformers4j.onnx;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.onnx.proto.OnnxProto.AttributeProto;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Finds the weights of a PyTorch module in an exported ONNX graph, by the module's HF parameter name.
 *
 * <p>The exporter keeps the names of parameters it uses as they are ({@code embeddings.LayerNorm.weight},
 * {@code encoder.layer.0.attention.self.query.bias}), but {@code nn.Linear} weights are constant-folded into
 * a transposed, anonymous initializer ({@code onnx::MatMul_787}, shape [in, out]) read by a MatMul.
 * A linear weight is therefore located, in order, as
 * <ol>
 *   <li>an initializer with the HF name itself (its orientation read from the node that consumes it);</li>
 *   <li>the constant input of the MatMul whose output the Add of the (named) bias reads;</li>
 *   <li>the constant input of the node named after the module, {@code /encoder/layer.0/attention/self/query/MatMul}.</li>
 * </ol>
 * A {@code bert.} prefix (a task model's base) is accepted in every case.
 */
final class OnnxWeights {

    private final OnnxModel model;

    OnnxWeights(OnnxModel model) {
        this.model = model;
    }

    /** A named initializer (also under a {@code bert.} prefix), as float32; null when absent. */
    Tensor named(String hfName) {
        TensorProto t = initializer(hfName);
        return t == null ? null : OnnxTensors.toTensor(model.file(), t);
    }

    /** The initializer proto of an HF name (also under a {@code bert.} prefix); null when absent. */
    TensorProto initializer(String hfName) {
        TensorProto t = model.initializer(hfName);
        return t != null ? t : model.initializer("bert." + hfName);
    }

    /**
     * The weight of the linear module {@code module} (e.g. {@code encoder.layer.0.output.dense}) in HF's
     * [out, in] layout; null when the graph has no such module.
     */
    Tensor linearWeight(String module) {
        TensorProto named = initializer(module + ".weight");
        if (named != null) {
            return orient(named, OnnxTensors.toTensor(model.file(), named));
        }
        TensorProto viaBias = weightBesideBias(module + ".bias");
        if (viaBias == null) {
            viaBias = weightOfNamedNode(module);
        }
        return viaBias == null ? null : transposed(OnnxTensors.toTensor(model.file(), viaBias));
    }

    /** The output of the Add that adds a linear module's (named) bias: the module's output value; null when not found. */
    String biasAddOutput(String module) {
        TensorProto bias = initializer(module + ".bias");
        if (bias == null) {
            return null;
        }
        for (NodeProto add : model.consumers(bias.getName())) {
            if (add.getOpType().equals("Add")) {
                return add.getOutput(0);
            }
        }
        return null;
    }

    // bias b is read by Add(b, MatMul(x, W)) in either input order: W is the MatMul's constant input
    private TensorProto weightBesideBias(String biasName) {
        TensorProto bias = initializer(biasName);
        if (bias == null) {
            return null;
        }
        for (NodeProto add : model.consumers(bias.getName())) {
            if (!add.getOpType().equals("Add")) {
                continue;
            }
            for (String in : add.getInputList()) {
                NodeProto matmul = model.producer(in);
                if (matmul != null && matmul.getOpType().equals("MatMul")) {
                    TensorProto w = model.constant(matmul.getInput(1));
                    if (w != null && w.getDimsCount() == 2) {
                        return w;
                    }
                }
            }
        }
        return null;
    }

    // torch >= 1.13 names nodes after the module path: /encoder/layer.0/attention/self/query/MatMul
    private TensorProto weightOfNamedNode(String module) {
        String path = "/" + module.replace('.', '/').replaceAll("/(\\d+)/", ".$1/");
        for (String prefix : new String[] {"", "/bert"}) {
            for (NodeProto node : model.nodes()) {
                if (node.getOpType().equals("MatMul") && node.getName().equals(prefix + path + "/MatMul")) {
                    TensorProto w = model.constant(node.getInput(1));
                    if (w != null && w.getDimsCount() == 2) {
                        return w;
                    }
                }
            }
        }
        return null;
    }

    // a named [?, ?] weight: MatMul(x, W) and Gemm without transB read it as [in, out]; Gemm transB=1 as [out, in]
    private Tensor orient(TensorProto proto, Tensor w) {
        for (NodeProto node : model.consumers(proto.getName())) {
            if (node.getOpType().equals("Gemm") && node.getInputCount() > 1 && node.getInput(1).equals(proto.getName())) {
                return intAttribute(node, "transB") == 1 ? w : transposed(w);
            }
            if (node.getOpType().equals("MatMul") && node.getInput(1).equals(proto.getName())) {
                return transposed(w);
            }
        }
        return w; // read through a Transpose node, or unused: stored as PyTorch holds it
    }

    private static long intAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return 0;
    }

    private static Tensor transposed(Tensor w) {
        return w.rank() == 2 ? w.transpose(0, 1).contiguous() : w; // [in, out] -> [out, in]
    }
}
