package dev.transformers4j.bench;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.pipelines.Pooling;
import java.util.List;

/**
 * The accuracy cost of multiplying the linear weights in a narrower dtype: the lowest cosine, over every sequence
 * of the benchmark inputs, between its sentence embedding with float32 weights and with {@code dtype} weights.
 * Embeddings are pooled as the embedding pipeline pools them for the model ({@link Pooling#MEAN} over the tokens,
 * or the {@code [CLS]} vector); the L2 normalisation that follows does not change a cosine.
 */
final class DTypeAccuracy {

    private DTypeAccuracy() {
    }

    /** Runs {@code model} on {@code inputs} in float32, then in {@code dtype}, and leaves it in {@code dtype}. */
    static double minCosineToFloat32(PretrainedModel model, WeightDType dtype, Pooling pooling, List<SyntheticBatch> inputs) {
        model.module().weightDType(WeightDType.FLOAT32);
        float[][][] reference = new float[inputs.size()][][];
        for (int i = 0; i < inputs.size(); i++) {
            reference[i] = embed(model, inputs.get(i), pooling);
        }
        model.module().weightDType(dtype);
        double min = 1;
        for (int i = 0; i < inputs.size(); i++) {
            float[][] e = embed(model, inputs.get(i), pooling);
            for (int b = 0; b < e.length; b++) {
                min = Math.min(min, cosine(reference[i][b], e[b]));
            }
        }
        return min;
    }

    /** One pooled vector per sequence of {@code input} (its attention mask is all ones). */
    static float[][] embed(PretrainedModel model, SyntheticBatch input, Pooling pooling) {
        Tensor hidden = model.forward(input.tokenBatch(), ForwardOptions.DEFAULT).lastHiddenState();  // [B, T, C]
        int batch = hidden.size(0);
        int tokens = hidden.size(1);
        int width = hidden.size(2);
        float[][] out = new float[batch][width];
        for (int b = 0; b < batch; b++) {
            int pooled = pooling == Pooling.CLS ? 1 : tokens;
            for (int t = 0; t < pooled; t++) {
                for (int c = 0; c < width; c++) {
                    out[b][c] += hidden.get(b, t, c) / pooled;
                }
            }
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), 1e-30);
    }
}
