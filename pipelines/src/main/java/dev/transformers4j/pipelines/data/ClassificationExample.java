package dev.transformers4j.pipelines.data;

/** A text with its class id (an index into a {@link LabelSet}). */
public record ClassificationExample(String text, int label) {
}
