package dev.transformers4j.learn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.testing.Golden;
import java.util.List;

/** The tiny seeded HF checkpoints of {@code models/src/test/resources/golden} (no tokenizers: inputs are ids). */
final class GoldenModels {

    static final LoadedModel BERT = load("bert-mlm");
    static final LoadedModel GPT2 = load("gpt2-lm");
    static final LoadedModel MARIAN = load("marian-mt");

    private GoldenModels() {
    }

    private static LoadedModel load(String name) {
        return new LoadedModel(name, AutoModel.fromPretrained(Golden.dir(name)), null);
    }

    /** A forward case of {@code <model>.json}. */
    static JsonNode testCase(String model, String name) {
        return Golden.testCase(Golden.json(model + ".json"), name);
    }

    /** The input ids of a one-sequence case, as tokens of {@code m}. */
    static List<Token> tokens(LoadedModel m, JsonNode c) {
        return m.tokens(Golden.ints(c.get("inputs").get("input_ids")));
    }
}
