package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.GoldenMarian;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translation pipeline on the golden tiny Marian, whose generate() outputs HF recorded
 * ({@code marian-mt.generate.json}, transformers 4.57.6), with a word-level tokenizer.json over its ids
 * ({@link GoldenMarian}): translating the words of the golden sources gives the words of HF's generated ids.
 */
class TranslationPipelineTest {

    @TempDir
    static Path tmp;
    static Path folder;
    static TranslationPipeline pipeline;
    static final JsonNode CASES = Golden.json("marian-mt.generate.json").get("generate_cases");

    @BeforeAll
    static void load() {
        folder = GoldenMarian.folderWithTokenizer(tmp.resolve("marian"));
        pipeline = TranslationPipeline.load(folder.toString());
    }

    @Test
    void theTestTokenizerEncodesAsHfRustTokenizersDo() throws IOException {
        String text = "t816 t282 t555 t194 t53 t992 t148 t309";
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("truncation", "false", "padding", "false"))) {
            long[] theirs = hf.encode(text).getIds();
            int[] ours = pipeline.tokenizer().encodeSource(text);
            assertThat(Arrays.stream(ours).asLongStream().toArray()).containsExactly(theirs);
            assertThat(ours).containsExactly(816, 282, 555, 194, 53, 992, 148, 309, 0);
            assertThat(pipeline.tokenizer().decode(new int[] {728, 210, 0, 999})).isEqualTo("t728 t210");
        }
    }

    @Test
    void greedyTranslationsAreHfsGreedyIdsInInputOrder() {
        GenerateCase greedy = golden("greedy_batch");
        GenerationConfig config = pipeline.defaults().toBuilder().maxNewTokens(20).build();
        // the shorter source first: the pipeline sorts by length and must restore the order
        List<String> texts = List.of(greedy.sourceText(1), greedy.sourceText(0));
        List<Integer> progress = new ArrayList<>();
        List<String> out = pipeline.translate(texts, config, 1, TruncationPolicy.ERROR, (d, n) -> progress.add(d));
        assertThat(out).containsExactly(greedy.targetText(1), greedy.targetText(0));
        assertThat(progress).containsExactly(1, 2);
        assertThat(pipeline.translate(texts, config, 16, TruncationPolicy.ERROR, ProgressListener.NONE))
                .isEqualTo(out);
    }

    @Test
    void beamSearchTranslationsAreHfsBeamIds() {
        GenerateCase beam = golden("beam4_batch");
        GenerationConfig config = pipeline.defaults().toBuilder().maxNewTokens(20).numBeams(4).build();
        List<String> out = pipeline.translate(List.of(beam.sourceText(0), beam.sourceText(1)), config, 8,
                TruncationPolicy.ERROR, ProgressListener.NONE);
        assertThat(out).containsExactly(beam.targetText(0), beam.targetText(1));
    }

    @Test
    void generateIdsReturnsHfsSequencesAndNewIdsWithoutTheStartToken() {
        GenerateCase greedy = golden("greedy_batch");
        GenerationConfig config = pipeline.defaults().toBuilder().maxNewTokens(20).build();
        var results = pipeline.generateIds(List.of(greedy.source(0), greedy.source(1)), config);
        for (int i = 0; i < 2; i++) {
            assertThat(results.get(i).ids()).containsExactly(greedy.sequence(i));
            assertThat(results.get(i).newIds()).containsExactly(Arrays.copyOfRange(greedy.sequence(i), 1, 21));
            assertThat(results.get(i).text()).isEqualTo(greedy.targetText(i));
        }
    }

    @Test
    void aSourceLongerThanMaxPositionEmbeddingsIsRefusedOrCutKeepingEos() {
        String ok = "t5";
        String tooLong = "t7 ".repeat(130).strip();                           // 131 ids with </s>; the model takes 128
        GenerationConfig config = pipeline.defaults().toBuilder().maxNewTokens(3).build();
        assertThatThrownBy(() -> pipeline.translate(List.of(ok, tooLong), config, 4, TruncationPolicy.ERROR,
                ProgressListener.NONE))
                .hasMessageStartingWith("text 2 has 131 tokens but the model takes at most 128");
        List<String> cut = pipeline.translate(List.of(tooLong), config, 4, TruncationPolicy.TRUNCATE,
                ProgressListener.NONE);
        int[] expectedSource = new int[128];
        Arrays.fill(expectedSource, 7);
        expectedSource[127] = 0;
        int[] ids = pipeline.translateIds(List.of(expectedSource), config, 1, ProgressListener.NONE).get(0);
        assertThat(cut).containsExactly(pipeline.tokenizer().decode(ids));
    }

    @Test
    void aMarianFolderWithABrokenSentencePieceFileLoadsForIdsButNotForText() throws IOException {
        Path spm = tmp.resolve("spm");
        GoldenMarian.folderWithTokenizer(spm);
        Files.delete(spm.resolve("tokenizer.json"));
        Files.writeString(spm.resolve("source.spm"), "not read");
        TranslationPipeline p = TranslationPipeline.load(spm.toString());
        assertThat(p.tokenizer()).isNull();
        assertThatThrownBy(() -> p.translate(List.of("t5")))
                .hasMessageContaining("source.spm");
        GenerationConfig config = p.defaults().toBuilder().maxNewTokens(2).build();
        assertThat(p.generateIds(List.of(new int[] {5, 0}), config).get(0).text()).isNull();
    }

    @Test
    void aModelWithoutADecoderIsNotATranslationModel() {
        assertThatThrownBy(() -> TranslationPipeline.load(Golden.dir("bert-seqcls").toString()))
                .hasMessageContaining("BertForSequenceClassification is not an encoder-decoder model");
    }

    /** One golden generate case: right-padded sources and HF's sequences. */
    record GenerateCase(JsonNode c) {

        int[] source(int row) {
            JsonNode ids = c.get("inputs").get("input_ids");
            JsonNode mask = c.get("inputs").get("attention_mask").get("data");
            int s = ids.get("shape").get(1).asInt();
            return java.util.stream.IntStream.range(row * s, (row + 1) * s).filter(i -> mask.get(i).asInt() == 1)
                    .map(i -> ids.get("data").get(i).asInt()).toArray();
        }

        int[] sequence(int row) {
            JsonNode seq = c.get("outputs").get("sequences");
            int t = seq.get("shape").get(1).asInt();
            return java.util.stream.IntStream.range(row * t, (row + 1) * t)
                    .map(i -> seq.get("data").get(i).asInt()).toArray();
        }

        String sourceText(int row) {
            return GoldenMarian.text(source(row));
        }

        String targetText(int row) {
            return GoldenMarian.text(Arrays.copyOfRange(sequence(row), 1, sequence(row).length));
        }
    }

    static GenerateCase golden(String name) {
        for (JsonNode c : CASES) {
            if (c.get("name").asText().equals(name)) {
                return new GenerateCase(c);
            }
        }
        throw new IllegalArgumentException("no generate case " + name);
    }
}
