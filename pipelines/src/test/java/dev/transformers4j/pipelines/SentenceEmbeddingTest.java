package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Backend;
import dev.transformers4j.models.TokenBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code feature-extraction} and {@code sentence-similarity} pipelines on the three built-in models (loaded by
 * name, on the vector backend; {@link RealModelParityTest} covers the hidden states on both backends): the
 * embeddings equal ONNX Runtime's hidden states pooled as sentence-transformers does, a published similarity
 * matrix is reproduced, and paraphrases score above unrelated sentences.
 */
class SentenceEmbeddingTest {

    private static final Map<String, FeatureExtractionPipeline> PIPELINES = new HashMap<>();

    static Stream<String> models() {
        return RealModels.ALL.stream();
    }

    /** The pipeline of a built-in model, loaded by name from the test's {@code T4J_HOME}. */
    static synchronized FeatureExtractionPipeline pipeline(String model) {
        RealModels.folder(model);  // converts into this JVM's T4J_HOME, which load(name) then finds
        return PIPELINES.computeIfAbsent(model, FeatureExtractionPipeline::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void embeddingsAreOnnxRuntimeStatesPooledAndNormalised(String model) {
        FeatureExtractionPipeline pipeline = pipeline(model);
        List<String> texts = TestTexts.mixedLengths(model);
        Pooling pooling = RealModels.publishedPooling(model);
        assertThat(pipeline.pooling()).as("pooling of %s", model).isEqualTo(pooling);

        float[][] ours = TestBackends.with(Backend.VECTOR, () -> pipeline.embed(texts));
        TokenBatch batch = RealModels.encode(model, texts);
        float[] states = RealModels.onnxRuntimeStates(model, batch);   // [B, T, C]

        assertThat(ours.length).isEqualTo(texts.size());
        for (int b = 0; b < texts.size(); b++) {
            double[] expected = normalize(pool(states, batch, b, pooling));
            double cosine = dot(ours[b], expected) / Math.sqrt(dot(ours[b], ours[b]));
            double maxAbs = maxAbsDiff(ours[b], expected);
            String what = String.format("%s text %d (%d tokens): cosine %.8f, max |ours - onnxruntime| %.3e",
                    model, b, batch.realLength(b), cosine, maxAbs);
            assertThat(ours[b]).as(what).hasSize(expected.length);
            assertThat(dot(ours[b], ours[b])).as("squared norm, " + what).isCloseTo(1.0, within(1e-5));
            assertThat(cosine).as(what).isGreaterThanOrEqualTo(0.99999);
            assertThat(maxAbs).as(what).isLessThanOrEqualTo(RealModelParityTest.TOLERANCE);
        }
    }

    /**
     * The similarity matrix printed for these three sentences and all-MiniLM-L6-v2 in the sentence-transformers
     * documentation (index.rst and the quickstart of huggingface/sentence-transformers), given to 4 decimals:
     * within 1e-4 allows the rounding (5e-5) and float noise.
     */
    @Test
    void allMiniLmReproducesThePublishedSimilarityMatrix() {
        List<String> sentences = List.of("The weather is lovely today.", "It's so sunny outside!",
                "He drove to the stadium.");
        double[][] published = {
                {1.0000, 0.6660, 0.1046},
                {0.6660, 1.0000, 0.1411},
                {0.1046, 0.1411, 1.0000}};

        SentenceSimilarityPipeline similarity = new SentenceSimilarityPipeline(pipeline(RealModels.MINILM));
        float[][] m = TestBackends.with(Backend.VECTOR, () -> similarity.matrix(sentences));

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat((double) m[i][j]).as("similarity[%d][%d]", i, j).isCloseTo(published[i][j], within(1e-4));
            }
        }
    }

    @Test
    void allMiniLmScoresAParaphraseWellAboveAnUnrelatedSentence() {
        float[] s = similarities(RealModels.MINILM, "A man is playing a guitar.",
                "Someone plays an instrument.", "The stock market fell.");

        assertThat(s[0]).as("paraphrase %.4f vs unrelated %.4f", s[0], s[1]).isGreaterThan(s[1] + 0.3f);
    }

    /** bge's similarities crowd into the upper range, so only a smaller margin is asked of them. */
    @Test
    void bgeModelsScoreAParaphraseAboveAnUnrelatedSentence() {
        float[] en = similarities(RealModels.BGE_EN, "A man is playing a guitar.",
                "Someone plays an instrument.", "The stock market fell.");
        float[] zh = similarities(RealModels.BGE_ZH, "一个男人正在弹吉他。", "有人在演奏乐器。", "股市今天下跌了。");

        assertThat(en[0]).as("bge-small-en: paraphrase %.4f vs unrelated %.4f", en[0], en[1]).isGreaterThan(en[1] + 0.2f);
        assertThat(zh[0]).as("bge-small-zh: paraphrase %.4f vs unrelated %.4f", zh[0], zh[1]).isGreaterThan(zh[1] + 0.2f);
    }

    private static float[] similarities(String model, String source, String paraphrase, String unrelated) {
        SentenceSimilarityPipeline similarity = new SentenceSimilarityPipeline(pipeline(model));
        return TestBackends.with(Backend.VECTOR, () -> similarity.similarity(source, List.of(paraphrase, unrelated)));
    }

    /** Row {@code b} of {@code [B, T, C]} states → {@code [C]}: the mean over real tokens, or the [CLS] state. */
    private static double[] pool(float[] states, TokenBatch batch, int b, Pooling pooling) {
        int t = batch.length();
        int c = states.length / (batch.batch() * t);
        double[] v = new double[c];
        int tokens = pooling == Pooling.CLS ? 1 : batch.realLength(b);
        for (int i = 0; i < tokens; i++) {
            if (batch.attentionMask()[b * t + i] == 0) {
                throw new IllegalStateException("right padding expected");
            }
            for (int j = 0; j < c; j++) {
                v[j] += states[(b * t + i) * c + j];
            }
        }
        for (int j = 0; j < c; j++) {
            v[j] /= tokens;
        }
        return v;
    }

    private static double[] normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
        return v;
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double maxAbsDiff(float[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
        }
        return max;
    }
}
