package dev.transformers4j.pipelines;

import dev.transformers4j.core.WeightDType;
import java.util.List;

/**
 * The {@code sentence-similarity} pipeline: cosine similarity of sentence embeddings
 * ({@link FeatureExtractionPipeline}), which are unit vectors, so cosine = dot product.
 */
public final class SentenceSimilarityPipeline {

    private final FeatureExtractionPipeline embedder;

    public SentenceSimilarityPipeline(FeatureExtractionPipeline embedder) {
        this.embedder = embedder;
    }

    /** Loads a built-in model name or an HF folder. */
    public static SentenceSimilarityPipeline load(String model) {
        return new SentenceSimilarityPipeline(FeatureExtractionPipeline.load(model));
    }

    /** As {@link #load(String)}, the linear weights multiplied in {@code dtype} (float32, int8 or bf16). */
    public static SentenceSimilarityPipeline load(String model, WeightDType dtype) {
        return new SentenceSimilarityPipeline(FeatureExtractionPipeline.load(model, dtype));
    }

    public FeatureExtractionPipeline embedder() {
        return embedder;
    }

    /** The {@code [N, N]} matrix of cosine similarities between all texts. */
    public float[][] matrix(List<String> texts) {
        return matrix(embedder.embed(texts));
    }

    /** Cosine similarities of {@code source} to each of {@code others}. */
    public float[] similarity(String source, List<String> others) {
        float[][] e = embedder.embed(java.util.stream.Stream.concat(java.util.stream.Stream.of(source),
                others.stream()).toList());
        float[] out = new float[others.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(e[0], e[i + 1]);
        }
        return out;
    }

    /** Cosine-similarity matrix of unit vectors. */
    public static float[][] matrix(float[][] e) {
        float[][] m = new float[e.length][e.length];
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                m[i][j] = dot(e[i], e[j]);
            }
        }
        return m;
    }

    private static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }
}
