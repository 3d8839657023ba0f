package dev.transformers4j.pipelines;

import dev.transformers4j.pipelines.data.ClassificationExample;
import java.util.ArrayList;
import java.util.List;

/**
 * How many labelled texts a text-classification pipeline gets right: {@code accuracy = correct / total}.
 */
public record ClassificationAccuracy(int correct, int total) {

    /** {@code correct / total}, 0 for no examples. */
    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Classifies every example's text and counts the predictions equal to its label. */
    public static ClassificationAccuracy evaluate(TextClassificationPipeline pipeline,
                                                  List<ClassificationExample> examples, TruncationPolicy policy,
                                                  ProgressListener progress) {
        List<String> texts = new ArrayList<>(examples.size());
        for (ClassificationExample e : examples) {
            if (e.label() < 0 || e.label() >= pipeline.labels().size()) {
                throw new IllegalArgumentException("label " + e.label() + " of '" + e.text() + "' is not a class of "
                        + pipeline.name() + " " + pipeline.labels());
            }
            texts.add(e.text());
        }
        List<TextClassificationPipeline.Prediction> predictions = pipeline.classify(texts, policy, progress);
        int correct = 0;
        for (int i = 0; i < examples.size(); i++) {
            correct += predictions.get(i).labelId() == examples.get(i).label() ? 1 : 0;
        }
        return new ClassificationAccuracy(correct, examples.size());
    }
}
