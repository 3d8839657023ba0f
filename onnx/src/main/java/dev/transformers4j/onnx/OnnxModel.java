package dev.transformers4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.AttributeProto;
import dev.transformers4j.onnx.proto.OnnxProto.GraphProto;
import dev.transformers4j.onnx.proto.OnnxProto.ModelProto;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model file, parsed: the graph's nodes, with look-ups from a value name to its initializer
 * (a named constant tensor), the node that produces it, and the nodes that consume it.
 *
 * <p>The file is memory-mapped and parsed with aliasing, so the weights in {@code raw_data} are not copied
 * until a tensor is decoded. Protobuf's default 64 MB message limit is lifted: BERT models are 90–135 MB.
 */
public final class OnnxModel {

    private final Path file;
    private final ModelProto proto;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();

    private OnnxModel(Path file, ModelProto proto) {
        this.file = file;
        this.proto = proto;
        for (TensorProto t : proto.getGraph().getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (NodeProto node : proto.getGraph().getNodeList()) {
            node.getOutputList().forEach(out -> producers.put(out, node));
            node.getInputList().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node));
        }
    }

    /**
     * Reads an ONNX model.
     *
     * @throws ModelFileException naming the file when it is missing, unreadable or not an ONNX model
     */
    public static OnnxModel read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new ModelFileException(file, "larger than 2 GB: ONNX files this large keep their weights in"
                        + " external data files, which are not supported");
            }
            CodedInputStream in = CodedInputStream.newInstance(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
            in.setSizeLimit(Integer.MAX_VALUE);
            in.enableAliasing(true);
            ModelProto proto = ModelProto.parseFrom(in);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getIrVersion() <= 0) {
                throw new ModelFileException(file, "not an ONNX model: the file parses as protobuf but holds no"
                        + " graph with nodes (ir_version " + proto.getIrVersion() + ")");
            }
            return new OnnxModel(file, proto);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(file, "not an ONNX model (not a valid protobuf ModelProto: "
                    + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "file not found");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A model already parsed (tests build modified graphs in memory); {@code file} names it in errors. */
    static OnnxModel of(Path file, ModelProto proto) {
        return new OnnxModel(file, proto);
    }

    /** The file this model was read from. */
    public Path file() {
        return file;
    }

    /** The parsed model (producer, opsets, graph). */
    public ModelProto proto() {
        return proto;
    }

    /** The main graph. */
    public GraphProto graph() {
        return proto.getGraph();
    }

    /** The graph's nodes, in topological order. */
    public List<NodeProto> nodes() {
        return proto.getGraph().getNodeList();
    }

    /** All initializers, by name. */
    public Map<String, TensorProto> initializers() {
        return Map.copyOf(initializers);
    }

    /** The initializer of this name, or null. */
    public TensorProto initializer(String name) {
        return initializers.get(name);
    }

    /** The node that outputs this value, or null (graph inputs and initializers have none). */
    public NodeProto producer(String value) {
        return producers.get(value);
    }

    /** The nodes that read this value (empty when none). */
    public List<NodeProto> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /**
     * The constant tensor behind a value: an initializer, or the {@code value} attribute of the
     * {@code Constant} node that outputs it; null when the value is computed.
     */
    public TensorProto constant(String value) {
        TensorProto init = initializers.get(value);
        if (init != null) {
            return init;
        }
        NodeProto node = producers.get(value);
        if (node != null && node.getOpType().equals("Constant")) {
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("value") && a.hasT()) {
                    return a.getT();
                }
            }
        }
        return null;
    }

    /** A floating-point constant decoded to float32 (see {@link #constant}), or null. */
    public Tensor floatConstant(String value) {
        TensorProto t = constant(value);
        return t == null || !OnnxTensors.isFloating(t) ? null : OnnxTensors.toTensor(file, t);
    }

    /** An integer constant (INT64/INT32), or null. */
    public long[] intConstant(String value) {
        TensorProto t = constant(value);
        boolean integral = t != null && (t.getDataType() == TensorProto.DataType.INT64_VALUE
                || t.getDataType() == TensorProto.DataType.INT32_VALUE);
        return integral ? OnnxTensors.longs(file, t) : null;
    }

    /** The shape of a tensor, as {@code int}s. */
    public int[] shape(TensorProto t) {
        return OnnxTensors.shape(file, t);
    }
}
