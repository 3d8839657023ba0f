package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.pipelines.TextClassificationPipeline.Prediction;
import dev.transformers4j.pipelines.data.ClassificationExample;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Truncation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code text-classification} pipeline on all-MiniLM-L6-v2 with a new sentiment head: label names from
 * {@code id2label}, probabilities that are the softmax of the model's logits, batching that changes nothing,
 * and truncation to the model's limit.
 */
class TextClassificationPipelineTest {

    static final List<String> TEXTS = List.of("a gorgeous , witty , seductive movie .",
            "the plot is nothing but boilerplate clichés from start to finish ,",
            "bad .", "it's a charming and often affecting journey . ",
            "an utterly incompetent conclusion to a film that never knew what it wanted to be , with dialogue so wooden"
                    + " you could build a house out of it .");

    @TempDir
    static Path tmp;

    static Path folder;
    static TextClassificationPipeline pipeline;

    @BeforeAll
    static void build() {
        folder = TestClassifiers.sentiment(RealModels.folder(RealModels.MINILM), tmp.resolve("minilm-sentiment"));
        pipeline = TextClassificationPipeline.load(folder.toString());
    }

    @Test
    void predictsALabelFromId2labelWithItsProbability() {
        assertThat(pipeline.labels().names()).containsExactly("negative", "positive");
        assertThat(pipeline.maxLength()).isEqualTo(512);
        List<Prediction> predictions = pipeline.classify(TEXTS);
        assertThat(predictions).hasSize(TEXTS.size());
        for (Prediction p : predictions) {
            assertThat(p.scores()).hasSize(2);
            assertThat((double) p.scores()[0] + p.scores()[1]).isCloseTo(1.0, within(1e-6));
            assertThat(p.score()).isEqualTo(Math.max(p.scores()[0], p.scores()[1]));
            assertThat(p.score()).isEqualTo(p.scores()[p.labelId()]);
            assertThat(p.label()).isEqualTo(pipeline.labels().name(p.labelId()));
        }
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheModelsLogitsWhateverTheBatch() {
        List<Prediction> batched = pipeline.classify(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            Encoding e = pipeline.tokenizer().encode(TEXTS.get(i));
            TokenBatch one = TokenBatch.rightPadded(List.of(e.ids()), List.of(e.typeIds()), 0);
            float[] logits = pipeline.model().forward(one, ForwardOptions.DEFAULT).logits().toArray();   // [1, 2]
            double e0 = Math.exp(logits[0]);
            double e1 = Math.exp(logits[1]);
            assertThat(batched.get(i).scores()[1]).as("text %d", i).isCloseTo((float) (e1 / (e0 + e1)), within(2e-5f));
            assertThat(batched.get(i).labelId()).isEqualTo(logits[1] > logits[0] ? 1 : 0);
        }
    }

    @Test
    void longTextsAreCutToMaxLengthOrRefused() {
        TextClassificationPipeline short16 = TextClassificationPipeline.load(folder.toString(), 16);
        String longText = TEXTS.get(4);
        Encoding cut = pipeline.tokenizer().withTruncation(Truncation.of(16)).encode(longText);
        assertThat(cut.ids()).hasSize(16);
        float[] expected = pipeline.scores(TokenBatch.rightPadded(List.of(cut.ids()), List.of(cut.typeIds()), 0))[0];
        assertThat(short16.classify(List.of(longText)).get(0).scores()).containsExactly(expected, within(1e-6f));
        assertThatThrownBy(() -> short16.classify(List.of("fine", longText), TruncationPolicy.ERROR, ProgressListener.NONE))
                .hasMessageMatching("text 2 has \\d+ tokens but .* takes at most 16 \\(truncation is off\\)");
        assertThatThrownBy(() -> TextClassificationPipeline.load(folder.toString(), 513))
                .hasMessage("max length 513 is more than the model's max_position_embeddings 512");
    }

    @Test
    void reportsProgressOverAllTexts() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(TEXTS.get(i % TEXTS.size()));
        }
        List<int[]> calls = new ArrayList<>();
        List<Prediction> p = pipeline.classify(many, TruncationPolicy.TRUNCATE, (done, total) -> calls.add(new int[] {done, total}));
        assertThat(calls).extracting(c -> c[0]).containsExactly(32, 40);
        assertThat(p.get(37).scores()).containsExactly(p.get(2).scores(), within(1e-5f));
    }

    @Test
    void accuracyCountsPredictionsEqualToTheLabels() {
        List<Prediction> p = pipeline.classify(TEXTS);
        List<ClassificationExample> examples = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {       // the first three labelled as predicted, the others not
            examples.add(new ClassificationExample(TEXTS.get(i), i < 3 ? p.get(i).labelId() : 1 - p.get(i).labelId()));
        }
        ClassificationAccuracy a = ClassificationAccuracy.evaluate(pipeline, examples, TruncationPolicy.TRUNCATE,
                ProgressListener.NONE);
        assertThat(a).isEqualTo(new ClassificationAccuracy(3, 5));
        assertThat(a.accuracy()).isEqualTo(0.6);
    }

    @Test
    void aModelWithoutClassificationHeadIsRefused() {
        assertThatThrownBy(() -> TextClassificationPipeline.load(RealModels.MINILM))
                .hasMessageContaining("BertModel has no sequence-classification head");
    }
}
