package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our BERT against ONNX Runtime on the three pretrained models of the langchain4j jars: the same token ids
 * (from our tokenizer) go into our model, converted from the jar's ONNX graph, and into ONNX Runtime running
 * that graph; {@code last_hidden_state} must agree within {@value #TOLERANCE} at every real (unpadded) token,
 * on both kernel backends.
 */
class RealModelParityTest {

    static final double TOLERANCE = 1e-4;

    /** The measured max |ours - ORT| per model, case and backend, printed after the class. */
    private static final Map<String, Double> MEASURED = new TreeMap<>();

    static Stream<Arguments> modelsAndBackends() {
        return RealModels.ALL.stream().flatMap(m -> TestBackends.NAMES.stream().map(b -> Arguments.of(m, b)));
    }

    static Stream<String> models() {
        return RealModels.ALL.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void mixedLengthBatchMatchesOnnxRuntime(String model, String backend) {
        TokenBatch batch = RealModels.encode(model, TestTexts.mixedLengths(model));

        int[] lengths = IntStream.range(0, batch.batch()).map(batch::realLength).toArray();
        assertThat(lengths).as("real lengths of the mixed batch").hasSize(5);
        assertThat(IntStream.of(lengths).min().getAsInt()).as("shortest text, [CLS] and [SEP] included")
                .isLessThanOrEqualTo(4);
        assertThat(IntStream.of(lengths).max().getAsInt()).as("longest text").isBetween(45, 80);

        assertMatchesOnnxRuntime(model, backend, "mixed-lengths", batch);
    }

    /** A batch of one text of more than 128 tokens: long attention, no padding at all. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void batchOfOneLongTextMatchesOnnxRuntime(String model, String backend) {
        TokenBatch batch = RealModels.encode(model, List.of(TestTexts.longText(model)));

        assertThat(batch.batch()).isEqualTo(1);
        assertThat(batch.length()).as("tokens of the long text").isBetween(129, 512);
        assertMatchesOnnxRuntime(model, backend, "long-text-alone", batch);
    }

    /** The ids fed to both runtimes are real vocabulary entries, never [UNK] (Chinese and accents included). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void testTextsTokenizeWithoutUnknownTokens(String model) {
        Tokenizer tokenizer = RealModels.tokenizer(model);
        int unk = tokenizer.tokenToId("[UNK]").orElseThrow();
        List<String> texts = new ArrayList<>(TestTexts.mixedLengths(model));
        texts.add(TestTexts.longText(model));
        for (String text : texts) {
            Encoding e = tokenizer.encode(text);
            assertThat(e.ids()).as("ids of %s", text).doesNotContain(unk);
            assertThat(e.tokens()).as("tokens of %s", text).startsWith("[CLS]").endsWith("[SEP]");
        }
        assertThat(RealModels.onnxRuntime(model).inputNames()).as("inputs of the ONNX graph")
                .contains("input_ids", "attention_mask");
    }

    @AfterAll
    static void printMeasuredDifferences() {
        StringBuilder s = new StringBuilder("max |ours - onnxruntime| of last_hidden_state at real tokens:\n");
        MEASURED.forEach((k, v) -> s.append(String.format("  %-55s %.3e%n", k, v)));
        System.out.print(s);
    }

    private static void assertMatchesOnnxRuntime(String model, String backend, String caseName, TokenBatch batch) {
        OnnxRuntimeBert ort = RealModels.onnxRuntime(model);
        float[] expected = RealModels.onnxRuntimeStates(model, batch);                      // [B, T, C]

        Tensor ours = TestBackends.with(backend, () ->
                RealModels.model(model).forward(batch, ForwardOptions.DEFAULT).lastHiddenState());  // [B, T, C]

        assertThat(ours.shape()).containsExactly(batch.batch(), batch.length(), ort.hiddenSize());
        double diff = maxAbsDiffAtRealTokens(ours, expected, batch);
        synchronized (MEASURED) {
            MEASURED.put(String.format("%s %s [%d, %d] %s", model, caseName, batch.batch(), batch.length(), backend),
                    diff);
        }
        assertThat(diff).as("%s, %s [%d, %d] on the %s backend: max |ours - onnxruntime| = %.3e",
                model, caseName, batch.batch(), batch.length(), backend, diff).isLessThanOrEqualTo(TOLERANCE);
    }

    /** max |a - b| over the {@code [B, T, C]} states of tokens with attention mask 1; NaN if either has a NaN there. */
    static double maxAbsDiffAtRealTokens(Tensor ours, float[] expected, TokenBatch batch) {
        float[] a = ours.contiguous().toArray();
        int c = ours.size(2);
        double max = 0;
        for (int bt = 0; bt < batch.batch() * batch.length(); bt++) {
            if (batch.attentionMask()[bt] == 0) {
                continue;
            }
            for (int j = bt * c; j < (bt + 1) * c; j++) {
                double d = Math.abs((double) a[j] - expected[j]);
                max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
            }
        }
        return max;
    }
}
