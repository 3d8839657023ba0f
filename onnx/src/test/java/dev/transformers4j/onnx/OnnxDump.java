package dev.transformers4j.onnx;

import dev.transformers4j.onnx.proto.OnnxProto.AttributeProto;
import dev.transformers4j.onnx.proto.OnnxProto.NodeProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import dev.transformers4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test-scope inspection tool: prints an ONNX graph's producer, opsets, inputs, outputs, operator counts,
 * nodes (with attributes and small constant inputs) and initializers. Run with the .onnx path as argument.
 */
public final class OnnxDump {

    private OnnxDump() {
    }

    public static void main(String[] args) {
        dump(OnnxModel.read(Path.of(args[0])), System.out, args.length > 1 ? Integer.parseInt(args[1]) : 200);
    }

    /** Prints the summary, then at most {@code maxNodes} nodes. */
    public static void dump(OnnxModel m, PrintStream out, int maxNodes) {
        var p = m.proto();
        out.printf("producer %s %s, ir_version %d, opsets %s%n", p.getProducerName(), p.getProducerVersion(),
                p.getIrVersion(), p.getOpsetImportList().stream().map(o -> o.getDomain() + ":" + o.getVersion()).toList());
        m.graph().getInputList().forEach(v -> out.println("input  " + valueInfo(v)));
        m.graph().getOutputList().forEach(v -> out.println("output " + valueInfo(v)));
        Map<String, Integer> ops = new TreeMap<>();
        m.nodes().forEach(n -> ops.merge(n.getDomain() + ":" + n.getOpType(), 1, Integer::sum));
        out.println("ops " + ops);
        int shown = 0;
        for (NodeProto n : m.nodes()) {
            if (shown++ >= maxNodes) {
                break;
            }
            out.println(node(m, n));
        }
        for (TensorProto t : m.graph().getInitializerList()) {
            out.printf("init %s %s %s raw=%d floats=%d%n", t.getName(), TensorProto.DataType.forNumber(t.getDataType()),
                    Arrays.toString(m.shape(t)), t.getRawData().size(), t.getFloatDataCount());
        }
    }

    private static String node(OnnxModel m, NodeProto n) {
        StringBuilder s = new StringBuilder(n.getOpType() + " '" + n.getName() + "' " + n.getInputList() + " -> "
                + n.getOutputList());
        for (AttributeProto a : n.getAttributeList()) {
            s.append(" @").append(a.getName()).append('=').append(switch (a.getType()) {
                case FLOAT -> String.valueOf(a.getF());
                case INT -> String.valueOf(a.getI());
                case INTS -> a.getIntsList().toString();
                case STRING -> a.getS().toStringUtf8();
                case TENSOR -> "tensor" + Arrays.toString(m.shape(a.getT())) + small(m, a.getT());
                default -> a.getType().name();
            });
        }
        for (String in : n.getInputList()) {   // show small initializer inputs (shapes, scalars) inline
            TensorProto t = m.initializer(in);
            String value = t == null ? "" : small(m, t);
            if (!value.isEmpty()) {
                s.append(" {").append(in).append(value).append('}');
            }
        }
        return s.toString();
    }

    private static String small(OnnxModel m, TensorProto t) {
        long n = Arrays.stream(m.shape(t)).asLongStream().reduce(1, (a, b) -> a * b);
        boolean integral = t.getDataType() == TensorProto.DataType.INT64_VALUE
                || t.getDataType() == TensorProto.DataType.INT32_VALUE;
        if (n > 8 || !integral && !OnnxTensors.isFloating(t)) {
            return "";
        }
        return OnnxTensors.isFloating(t) ? "=" + Arrays.toString(OnnxTensors.floats(m.file(), t))
                : "=" + Arrays.toString(OnnxTensors.longs(m.file(), t));
    }

    private static String valueInfo(ValueInfoProto v) {
        var tt = v.getType().getTensorType();
        return v.getName() + " " + TensorProto.DataType.forNumber(tt.getElemType()) + " "
                + tt.getShape().getDimList().stream().map(d -> d.hasDimValue() ? "" + d.getDimValue() : d.getDimParam()).toList();
    }
}
