package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.generation.GenerationConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An opus-mt-style folder end to end — {@code source.spm} + {@code target.spm} + {@code vocab.json} (no
 * tokenizer.json) beside a MarianMTModel — against what Python's {@code MarianTokenizer} and
 * {@code MarianMTModel.generate} produced for it ({@code marian-spm/expected.json}, made by
 * {@code marian-spm/make_fixture.py} with transformers 5.18, sentencepiece and torch 2.13): the source ids, the
 * generated ids (greedy and beam 3) and the decoded texts.
 */
class MarianSpmTranslationTest {

    static Path folder;
    static JsonNode expected;
    static TranslationPipeline pipeline;
    static List<String> sources;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path dir = Path.of(MarianSpmTranslationTest.class.getResource("/marian-spm/expected.json").toURI()).getParent();
        folder = dir.resolve("folder");
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        pipeline = TranslationPipeline.load(folder.toString());
        sources = new ArrayList<>();
        expected.get("sources").forEach(s -> sources.add(s.asText()));
    }

    @Test
    void sourceIdsAreMarianTokenizers() {
        for (int i = 0; i < sources.size(); i++) {
            assertThat(pipeline.tokenizer().encodeSource(sources.get(i))).as(sources.get(i))
                    .containsExactly(ints(expected.get("input_ids").get(i)));
        }
    }

    @Test
    void greedyTranslationsAreHfs() {
        check("greedy", 1);
    }

    @Test
    void beamSearchTranslationsAreHfs() {
        check("beam3", 3);
    }

    private void check(String key, int beams) {
        GenerationConfig config = pipeline.defaults().toBuilder().numBeams(beams).maxNewTokens(10).build();
        List<String> texts = pipeline.translate(sources, config, 16, TruncationPolicy.ERROR, ProgressListener.NONE);
        List<String> theirs = new ArrayList<>();
        expected.get(key).get("texts").forEach(t -> theirs.add(t.asText()));
        assertThat(texts).containsExactlyElementsOf(theirs);
        List<int[]> ids = pipeline.translateIds(sources.stream().map(pipeline.tokenizer()::encodeSource).toList(),
                config, 16, ProgressListener.NONE);
        for (int i = 0; i < sources.size(); i++) {
            int[] hf = ints(expected.get(key).get("ids").get(i));
            assertThat(ids.get(i)).as(key + " ids of " + sources.get(i))
                    .containsExactly(java.util.Arrays.copyOfRange(hf, 1, hf.length));   // HF's start with <pad>
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
