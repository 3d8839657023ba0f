package dev.transformers4j.bench;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import java.nio.file.Path;

/**
 * Our model, run on the vector backend with a fixed number of threads (the previous backend is restored on close),
 * its linear weights multiplied in the given dtype.
 */
final class OursRunner implements EncoderRunner {

    private final Kernels previous;
    private final PretrainedModel model;
    /** Read after every pass so the work cannot be optimised away. */
    private volatile float sink;

    OursRunner(Path modelDir, int threads, WeightDType dtype) {
        previous = Backend.current();
        Backend.use(Backend.create(Backend.VECTOR, threads));
        model = AutoModel.fromPretrained(modelDir);
        model.module().weightDType(dtype);
    }

    /** The model under test. */
    PretrainedModel model() {
        return model;
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public Runnable forwardPass(SyntheticBatch input) {
        TokenBatch batch = input.tokenBatch();
        return () -> {
            ModelOutput out = model.forward(batch, ForwardOptions.DEFAULT);
            sink = out.lastHiddenState().get(0, 0, 0);
        };
    }

    @Override
    public void close() {
        Backend.use(previous);
    }
}
