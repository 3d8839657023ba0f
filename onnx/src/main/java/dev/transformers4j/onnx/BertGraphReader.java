package dev.transformers4j.onnx;

import dev.transformers4j.models.Activation;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.AttributeProto;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the hyper-parameters of a BERT graph that no tensor shape tells: the number of attention heads,
 * LayerNorm's epsilon and the feed-forward activation. Each is read from the operators the exporter wrote
 * for it, whether as one op ({@code LayerNormalization}, {@code Gelu}) or decomposed into elementary ones.
 */
final class BertGraphReader {

    private static final int MAX_WALK = 24;

    private final OnnxModel model;

    BertGraphReader(OnnxModel model) {
        this.model = model;
    }

    /**
     * §3.2.2 splits the query into H heads: {@code Reshape(q, [B, T, H, D])}. H is read from that reshape's
     * shape (a constant, or a Concat of constants), else from the {@code 1/√D} score scaling.
     *
     * @param queryValue the query projection's output (after its bias), or null when unknown
     */
    int numAttentionHeads(int hiddenSize, String queryValue) {
        if (queryValue != null) {
            for (NodeProto reshape : model.consumers(queryValue)) {
                if (reshape.getOpType().equals("Reshape") && reshape.getInput(0).equals(queryValue)) {
                    long heads = dimension(reshape.getInput(1), 2);
                    if (heads > 0 && hiddenSize % heads == 0) {
                        return (int) heads;
                    }
                }
            }
        }
        int headSize = headSizeFromScale();
        if (headSize > 0 && hiddenSize % headSize == 0) {
            return hiddenSize / headSize;
        }
        throw new ModelFileException(model.file(), "cannot determine num_attention_heads: found neither a"
                + " Reshape of the query to [B, T, H, D] nor a 1/sqrt(D) scaling of the attention scores");
    }

    /**
     * LayerNorm's ε (added to the variance inside the square root), read from the LayerNorm whose scale
     * {@code gamma} is: the {@code epsilon} attribute of a {@code LayerNormalization} node, or the constant of
     * {@code Sqrt(Add(ReduceMean(Pow(x - mean, 2)), eps))}.
     */
    double layerNormEps(String gamma) {
        for (NodeProto node : model.consumers(gamma)) {
            if (node.getOpType().equals("LayerNormalization")) {
                AttributeProto eps = attribute(node, "epsilon");
                return eps == null ? 1e-5 : nice(eps.getF());
            }
            if (node.getOpType().equals("Mul")) {
                NodeProto sqrt = findBackwards(node, "Sqrt");
                NodeProto add = sqrt == null ? null : model.producer(sqrt.getInput(0));
                Float eps = add == null || !add.getOpType().equals("Add") ? null : scalarInput(add);
                if (eps != null) {
                    return nice(eps);
                }
            }
        }
        throw new ModelFileException(model.file(), "cannot determine layer_norm_eps: '" + gamma
                + "' is read neither by a LayerNormalization node nor by a decomposed x / sqrt(var + eps)");
    }

    /**
     * The activation between the two feed-forward layers, read from the ops on the path from the first
     * layer's output to the next MatMul: {@code Erf} is the exact GELU, {@code Tanh} its tanh approximation.
     */
    Activation activation(String intermediateValue) {
        Set<String> ops = new HashSet<>();
        String geluApproximation = null;
        Deque<String> values = new ArrayDeque<>();
        values.add(intermediateValue);
        for (int seen = 0; !values.isEmpty() && seen < MAX_WALK; seen++) {
            for (NodeProto node : model.consumers(values.poll())) {
                if (node.getOpType().equals("MatMul") || node.getOpType().equals("Gemm")) {
                    continue;
                }
                ops.add(node.getOpType());
                if (node.getOpType().equals("Gelu")) {
                    AttributeProto a = attribute(node, "approximate");
                    geluApproximation = a == null ? "none" : a.getS().toStringUtf8();
                }
                values.addAll(node.getOutputList());
            }
        }
        if (geluApproximation != null) {
            return geluApproximation.equals("tanh") ? Activation.GELU_PYTORCH_TANH : Activation.GELU;
        }
        if (ops.contains("Erf")) {
            return Activation.GELU;
        }
        if (ops.contains("Tanh")) {
            return Activation.GELU_NEW;
        }
        if (ops.contains("Relu")) {
            return Activation.RELU;
        }
        if (ops.contains("Sigmoid")) {
            return Activation.SILU;
        }
        throw new ModelFileException(model.file(), "cannot determine hidden_act: the feed-forward activation"
                + " after '" + intermediateValue + "' uses the ops " + ops + " (expected Erf, Tanh, Relu or Sigmoid)");
    }

    // one entry of a shape given as a constant or as Concat(constants and computed values); -1 when unknown
    private long dimension(String shapeValue, int index) {
        long[] constant = model.intConstant(shapeValue);
        if (constant != null) {
            return index < constant.length ? constant[index] : -1;
        }
        NodeProto concat = model.producer(shapeValue);
        if (concat == null || !concat.getOpType().equals("Concat") || index >= concat.getInputCount()) {
            return -1;
        }
        long[] part = model.intConstant(concat.getInput(index));
        return part != null && part.length == 1 ? part[0] : -1;
    }

    // scores = Q·Kᵀ / c (c = √D) or Q·Kᵀ · c (c = 1/√D), just before Softmax (possibly after the mask Add)
    private int headSizeFromScale() {
        for (NodeProto softmax : model.nodes()) {
            if (!softmax.getOpType().equals("Softmax")) {
                continue;
            }
            for (String op : new String[] {"Div", "Mul"}) {
                NodeProto scale = findBackwards(softmax, op);
                Float c = scale == null ? null : scalarInput(scale);
                if (c != null && c > 0) {
                    double d = op.equals("Div") ? (double) c * c : 1.0 / ((double) c * c);
                    return (int) Math.round(d);
                }
            }
            return -1;
        }
        return -1;
    }

    // the nearest producer (breadth-first, a few steps up) of the given op type
    private NodeProto findBackwards(NodeProto start, String opType) {
        Deque<NodeProto> queue = new ArrayDeque<>();
        queue.add(start);
        for (int seen = 0; !queue.isEmpty() && seen < 6; seen++) {
            for (String in : queue.poll().getInputList()) {
                NodeProto p = model.producer(in);
                if (p != null && p.getOpType().equals(opType)) {
                    return p;
                }
                if (p != null) {
                    queue.add(p);
                }
            }
        }
        return null;
    }

    // the value of a node's scalar floating-point constant input, or null
    private Float scalarInput(NodeProto node) {
        for (String in : node.getInputList()) {
            var c = model.floatConstant(in);
            if (c != null && c.numel() == 1) {
                return c.toArray()[0];
            }
        }
        return null;
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    // a float32 constant as the decimal the exporter was given: 1e-12f -> 1.0E-12, not 9.9999999600419720E-13
    private static double nice(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
