package dev.transformers4j.pipelines;

import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.data.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sentiment classifier as {@code t4j train text-classification} starts from: the built-in all-MiniLM-L6-v2
 * encoder with a new two-class head ({@code id2label {0: negative, 1: positive}}, HF's initialisation), saved
 * as an HF folder with its tokenizer. Untrained, so its predictions are arbitrary but deterministic.
 */
final class TestClassifiers {

    private TestClassifiers() {
    }

    /** Builds the classifier folder {@code out} from the encoder folder of a built-in model. */
    static Path sentiment(Path encoder, Path out) {
        try {
            Path staging = Files.createDirectories(out.resolveSibling(out.getFileName() + "-staging"));
            Files.copy(encoder.resolve("model.safetensors"), staging.resolve("model.safetensors"));
            BertConfig config = BertConfig.read(encoder.resolve("config.json"))
                    .withHead("BertForSequenceClassification", LabelSet.of(LabelSet.SENTIMENT).id2label());
            ConfigJson.write(staging.resolve("config.json"), config.toJson());
            // the checkpoint has no classifier.* tensors: they are initialised, with a warning
            BertForSequenceClassification.fromPretrained(staging).savePretrained(Files.createDirectories(out));
            Files.copy(encoder.resolve("tokenizer.json"), out.resolve("tokenizer.json"));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
