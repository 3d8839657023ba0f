package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.SentenceSimilarityPipeline;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java API" example, kept in step with it: {@link #theReadmeShowsThisTestsCode} fails when a line of
 * the README's block (imports included) is not in this file. It runs on the folder {@code ./t4j similarity} makes
 * for the built-in all-MiniLM-L6-v2, and the mean of its token states is the vector {@code t4j embed} prints.
 */
class ReadmeJavaApiTest {

    @Test
    void theReadmeExampleRunsAndItsMeanPoolingIsTheEmbedding() {
        RealModels.folder(RealModels.MINILM);              // converts into this JVM's T4J_HOME, as ./t4j would
        // --- the README's block, from here ...
        // a pipeline: built-in model name or any HF folder
        var sim = SentenceSimilarityPipeline.load("all-MiniLM-L6-v2");
        float[][] m = sim.matrix(List.of("A man is playing a guitar.", "Someone plays an instrument."));

        // or the pieces: tokenizer + AutoModel (class chosen from config.json's "architectures")
        Path dir = ModelResolver.resolve("all-MiniLM-L6-v2");   // the folder ./t4j similarity made, or any HF folder
        Tokenizer tok = Tokenizer.fromPretrained(dir);          // as AutoTokenizer: every token, no padding
        var model = AutoModel.fromPretrained(dir);              // BertModel, BertForMaskedLM, BertForSequenceClassification
        var enc = tok.encode("Hello, world!");                  // [CLS] hello , world ! [SEP]
        var out = model.forward(TokenBatch.of(enc.ids()), ForwardOptions.ALL);
        out.lastHiddenState();   // [B, T, C] = [1, 6, 384]
        out.attentions();        // one [B, H, T, T] per layer
        // --- ... to here.

        assertThat(m[0][1]).isGreaterThan(0.5f);
        assertThat(out.lastHiddenState().shape()).containsExactly(1, 6, 384);
        assertThat(out.attentions()).hasSize(6).allSatisfy(a -> assertThat(a.shape()).containsExactly(1, 12, 6, 6));
        float[] embedding = FeatureExtractionPipeline.load("all-MiniLM-L6-v2").embed(List.of("Hello, world!"))[0];
        float[] pooled = FeatureExtractionPipeline.normalize(meanOverTokens(out.lastHiddenState()));
        for (int i = 0; i < embedding.length; i++) {
            assertThat(pooled[i]).as("dimension %d", i).isCloseTo(embedding[i], within(1e-5f));
        }
    }

    /** {@code [1, T, C]} → {@code [C]}: every token is real in a batch of one unpadded text. */
    private static float[] meanOverTokens(Tensor hidden) {
        int t = hidden.size(1);
        int c = hidden.size(2);
        float[] mean = new float[c];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < c; j++) {
                mean[j] += hidden.data()[hidden.offset() + i * c + j] / t;
            }
        }
        return mean;
    }

    @Test
    void theReadmeShowsThisTestsCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Java API");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        String test = Files.readString(Path.of("src/test/java/dev/transformers4j/pipelines/ReadmeJavaApiTest.java"));
        List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).as("the README's Java API block").hasSizeGreaterThan(15)
                .allSatisfy(l -> assertThat(test).as("ReadmeJavaApiTest holds the README's line").contains(l));
    }
}
