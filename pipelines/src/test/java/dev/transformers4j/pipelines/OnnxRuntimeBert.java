package dev.transformers4j.pipelines;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.transformers4j.models.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The independent reference: ONNX Runtime running a BERT export ({@code input_ids}, {@code attention_mask}
 * and, when the export has it, {@code token_type_ids} → {@code last_hidden_state [B, T, C]}).
 */
final class OnnxRuntimeBert {

    static final String OUTPUT = "last_hidden_state";
    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final String name;
    private final OrtSession session;
    private final int hiddenSize;

    private OnnxRuntimeBert(String name, OrtSession session, int hiddenSize) {
        this.name = name;
        this.session = session;
        this.hiddenSize = hiddenSize;
    }

    /** Opens an ONNX graph; fails unless it takes BERT's inputs and has a {@code last_hidden_state} output. */
    static OnnxRuntimeBert load(String name, byte[] onnx) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(2);
            OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, options);
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")
                    || !KNOWN_INPUTS.containsAll(inputs)) {
                throw new IllegalStateException(name + ": expected the inputs " + KNOWN_INPUTS
                        + " (token_type_ids optional) but the ONNX graph has " + inputs);
            }
            NodeInfo out = session.getOutputInfo().get(OUTPUT);
            if (out == null || !(out.getInfo() instanceof TensorInfo t) || t.getShape().length != 3) {
                throw new IllegalStateException(name + ": expected an output '" + OUTPUT
                        + "' [batch, sequence, hidden] but the ONNX graph has " + session.getOutputInfo());
            }
            return new OnnxRuntimeBert(name, session, (int) t.getShape()[2]);
        } catch (OrtException e) {
            throw new IllegalStateException(name + ": ONNX Runtime cannot open the graph: " + e.getMessage(), e);
        }
    }

    /** The graph's input names (for the record: some exports lack {@code token_type_ids}). */
    Set<String> inputNames() {
        return session.getInputNames();
    }

    /** C, the width of {@code last_hidden_state}. */
    int hiddenSize() {
        return hiddenSize;
    }

    /** {@code last_hidden_state} of a padded batch, {@code [B, T, C]} row-major. */
    float[] lastHiddenState(TokenBatch batch) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch.batch(), batch.length()};
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            feeds.put("input_ids", OnnxTensor.createTensor(env, longs(batch.ids()), shape));
            feeds.put("attention_mask", OnnxTensor.createTensor(env, longs(batch.attentionMask()), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                feeds.put("token_type_ids", OnnxTensor.createTensor(env, longs(batch.typeIds()), shape));
            }
            try (OrtSession.Result result = session.run(feeds, Set.of(OUTPUT))) {
                OnnxTensor out = (OnnxTensor) result.get(OUTPUT).orElseThrow();
                long[] s = out.getInfo().getShape();
                if (s[0] != batch.batch() || s[1] != batch.length() || s[2] != hiddenSize) {
                    throw new IllegalStateException(name + ": ONNX Runtime returned " + java.util.Arrays.toString(s)
                            + " for a [" + batch.batch() + ", " + batch.length() + "] batch");
                }
                FloatBuffer fb = out.getFloatBuffer();
                float[] h = new float[fb.remaining()];
                fb.get(h);
                return h;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(name + ": ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static LongBuffer longs(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return LongBuffer.wrap(l);
    }
}
