package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.WeightDType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The accuracy cost of int8 and bf16 weights on a real model: all-MiniLM-L6-v2's sentence embeddings with its
 * linear weights quantised (int8, symmetric per output channel) or rounded (bf16), against the float32
 * embeddings of the same texts — the bound is a cosine of at least 0.99 on every text for int8. The
 * vector kernels' int8 model must also give the reference kernels' int8 embeddings (the same quantised numbers,
 * only the order of the float sums differs).
 */
class QuantizedEmbeddingTest {

    private static final String MODEL = RealModels.MINILM;
    private static final Map<String, Double> MEASURED = new TreeMap<>();

    private static List<String> texts() {
        List<String> t = new ArrayList<>(TestTexts.mixedLengths(MODEL));
        t.add(TestTexts.longText(MODEL));
        return t;
    }

    private static float[][] embed(WeightDType dtype, String backend) {
        RealModels.folder(MODEL);                           // converted into this JVM's T4J_HOME
        FeatureExtractionPipeline p = FeatureExtractionPipeline.load(MODEL, dtype);
        return TestBackends.with(backend, () -> p.embed(texts()));
    }

    @Test
    void int8AndBf16EmbeddingsStayWithinTheCosineBoundOfFloat32() {
        float[][] fp32 = embed(WeightDType.FLOAT32, Backend.VECTOR);
        float[][] int8 = embed(WeightDType.INT8, Backend.VECTOR);
        float[][] bf16 = embed(WeightDType.BF16, Backend.VECTOR);
        List<String> texts = texts();
        for (int i = 0; i < texts.size(); i++) {
            double c8 = cosine(int8[i], fp32[i]), c16 = cosine(bf16[i], fp32[i]);
            record("int8 vs float32, text " + i, c8);
            record("bf16 vs float32, text " + i, c16);
            assertThat(c8).as("cosine(int8, float32) of \"%s\"", texts.get(i)).isGreaterThanOrEqualTo(0.99);
            assertThat(c16).as("cosine(bf16, float32) of \"%s\"", texts.get(i)).isGreaterThanOrEqualTo(0.999);
            assertThat(c8).as("int8 changes the embedding at all").isLessThan(1.0 - 1e-7);
        }
    }

    @Test
    void vectorInt8ModelGivesTheReferenceInt8Embeddings() {
        float[][] vector = embed(WeightDType.INT8, Backend.VECTOR);
        float[][] reference = embed(WeightDType.INT8, Backend.REFERENCE);
        for (int i = 0; i < vector.length; i++) {
            double c = cosine(vector[i], reference[i]);
            record("int8 vector vs int8 reference, text " + i, c);
            assertThat(c).as("text %d", i).isGreaterThanOrEqualTo(0.99999);
        }
    }

    @AfterAll
    static void printMeasured() {
        StringBuilder s = new StringBuilder(MODEL + " embeddings, cosine:\n");
        MEASURED.forEach((k, v) -> s.append(String.format("  %-40s %.6f%n", k, v)));
        System.out.print(s);
    }

    private static synchronized void record(String what, double cosine) {
        MEASURED.put(what, cosine);
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
