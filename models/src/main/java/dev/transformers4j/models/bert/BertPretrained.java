package dev.transformers4j.models.bert;

import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.Checkpoint;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.WeightsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loading and saving BERT folders: the one place BERT's checkpoint conventions live. */
final class BertPretrained {

    private static final Logger LOG = LoggerFactory.getLogger(BertPretrained.class);

    private BertPretrained() {
    }

    /** Builds the architecture named (or the one in config.json when null) and loads its weights. */
    static PretrainedModel load(Path dir, String architecture) {
        BertConfig config = BertConfig.read(dir.resolve("config.json"));
        String arch = architecture == null ? config.architecture() : architecture;
        try (WeightsFile st = Checkpoint.open(dir)) {
            // exports made for embeddings often drop the unused pooler: then so do we, rather than invent one
            boolean hasPooler = st.contains("pooler.dense.weight") || st.contains("bert.pooler.dense.weight");
            PretrainedModel model = arch.equals("BertModel") && !hasPooler
                    ? new BertModel(config, false) : create(arch, config, dir.resolve("config.json"));
            List<String> missing = Checkpoint.load(model.module(), st, "bert.");
            requireBase(st.file(), model.module(), missing);
            if (!missing.isEmpty()) {
                LOG.warn("{}: {} newly initialised (not in the checkpoint): {}; train the model before using it",
                        st.file(), model.architecture(), missing);
                Init.initialize(model.module(), missing, config.initializerRange(), 42);
            }
            return model;
        }
    }

    /**
     * A sequence classifier on the encoder of {@code dir}: the {@code bert.*} weights come from the checkpoint
     * (stored with or without the {@code bert.} prefix); the classifier, and the pooler when the checkpoint has
     * none, get HF's initialisation from {@code seed}. A head stored in the checkpoint is not used.
     */
    static BertForSequenceClassification withNewHead(Path dir, Map<Integer, String> id2label, long seed) {
        for (int i = 0; i < Math.max(1, id2label.size()); i++) {
            if (id2label.get(i) == null) {
                throw new IllegalArgumentException("id2label: expected the class ids 0.." + (id2label.size() - 1)
                        + " (at least one) but was " + id2label);
            }
        }
        BertConfig config = BertConfig.read(dir.resolve("config.json"))
                .withHead("BertForSequenceClassification", id2label);
        BertForSequenceClassification model = new BertForSequenceClassification(config);
        List<String> fresh = new ArrayList<>();
        Path weights;
        try (WeightsFile st = Checkpoint.open(dir)) {
            weights = st.file();
            for (String name : Checkpoint.load(model.bert, st, "bert.")) {
                fresh.add("bert." + name);
            }
        }
        requireBase(weights, model, fresh);
        model.classifier.forEachParameter((name, p) -> fresh.add("classifier." + name));
        LOG.info("{}: new {} head with {} labels; initialised: {}", dir, model.architecture(), id2label.size(), fresh);
        Init.initialize(model, fresh, config.initializerRange(), seed);
        return model;
    }

    /** A new model with HF's initialisation, for the given architecture. */
    static PretrainedModel create(String architecture, BertConfig config, Path source) {
        return switch (architecture) {
            case "BertModel" -> new BertModel(config);
            case "BertForMaskedLM" -> new BertForMaskedLM(config);
            case "BertForSequenceClassification" -> new BertForSequenceClassification(config);
            default -> throw new ModelFileException(source, "field 'architectures': unsupported BERT architecture '"
                    + architecture + "' (supported: BertModel, BertForMaskedLM, BertForSequenceClassification)");
        };
    }

    static void save(Module model, BertConfig config, Path dir) {
        String arch = ((PretrainedModel) model).architecture();
        ConfigJson.write(dir.resolve("config.json"), config.withHead(arch, config.id2label()).toJson());
        Checkpoint.save(model, dir.resolve("model.safetensors"));
    }

    /** Fails naming the first tensor of the base model (not a head or the pooler) that the checkpoint lacks. */
    private static void requireBase(Path weights, Module model, List<String> missing) {
        Checkpoint.requireNone(weights, model, missing.stream().filter(n -> !isHead(n)).toList());
    }

    private static boolean isHead(String name) {
        return name.startsWith("cls.") || name.startsWith("classifier.") || name.startsWith("bert.pooler.");
    }
}
