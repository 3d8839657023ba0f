package dev.transformers4j.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same model in ONNX Runtime (CPU): {@code intra_op_num_threads = threads}, {@code inter_op_num_threads = 1},
 * all graph optimisations on. It is fed only the inputs its session declares.
 */
final class OrtRunner implements EncoderRunner {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final SessionOptions options;
    private final OrtSession session;
    private final List<OnnxTensor> tensors = new ArrayList<>();
    private final String name;

    OrtRunner(OnnxGraph graph, int threads) {
        this(graph, threads, "onnxruntime");
    }

    /** @param name the key of its figures in the report ({@code "onnxruntime"}, {@code "onnxruntime_int8"}) */
    OrtRunner(OnnxGraph graph, int threads, String name) {
        this.name = name;
        try {
            options = new SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            if ("false".equals(System.getProperty("t4j.bench.ort-spinning"))) {
                // ORT's pool threads spin-wait after each run (its default); taking turns pass by pass, the spin
                // lands on our pass. -Dt4j.bench.ort-spinning=false turns it off to see how much that costs us.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            session = env.createSession(graph.bytes(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load " + graph.origin() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Runnable forwardPass(SyntheticBatch input) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                feed.put(e.getKey(), tensor(e.getKey(), (TensorInfo) e.getValue().getInfo(), input));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime: " + e.getMessage(), e);
        }
        return () -> {
            try (OrtSession.Result r = session.run(feed)) {
                r.get(0);
            } catch (OrtException e) {
                throw new IllegalStateException("onnxruntime run failed: " + e.getMessage(), e);
            }
        };
    }

    /** {@code input_ids} = the ids, {@code attention_mask} = ones, {@code token_type_ids} = zeros, {@code [B, T]}. */
    private OnnxTensor tensor(String name, TensorInfo info, SyntheticBatch in) throws OrtException {
        long[] values = new long[in.ids().length];
        switch (name) {
            case "input_ids" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.ids()[i];
                }
            }
            case "attention_mask" -> java.util.Arrays.fill(values, 1L);
            case "token_type_ids" -> { } // zeros
            default -> throw new IllegalArgumentException("the ONNX model declares an input '" + name + "' but the"
                    + " benchmark feeds only input_ids, attention_mask and token_type_ids");
        }
        long[] shape = {in.batch(), in.length()};
        OnnxTensor t;
        if (info.type == OnnxJavaType.INT64) {
            t = OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
        } else if (info.type == OnnxJavaType.INT32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) values[i];
            }
            t = OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
        } else {
            throw new IllegalArgumentException("the ONNX model's input '" + name + "' is " + info.type
                    + "; expected int64 or int32 token ids");
        }
        tensors.add(t);
        return t;
    }

    @Override
    public void close() {
        tensors.forEach(OnnxTensor::close);
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
