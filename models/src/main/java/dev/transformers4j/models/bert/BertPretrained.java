package dev.transformers4j.models.bert;

import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.Checkpoint;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.SafeTensors;
import java.nio.file.Path;
import java.util.List;
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
        Path weights = dir.resolve("model.safetensors");
        try (SafeTensors st = SafeTensors.open(weights)) {
            // exports made for embeddings often drop the unused pooler: then so do we, rather than invent one
            boolean hasPooler = st.entry("pooler.dense.weight") != null || st.entry("bert.pooler.dense.weight") != null;
            PretrainedModel model = arch.equals("BertModel") && !hasPooler
                    ? new BertModel(config, false) : create(arch, config, dir.resolve("config.json"));
            List<String> missing = Checkpoint.load(model.module(), st, "bert.");
            List<String> missingBase = missing.stream().filter(n -> !isHead(n)).toList();
            if (!missingBase.isEmpty()) {
                var p = model.module().namedParameters().get(missingBase.get(0));
                throw new ModelFileException(weights, "tensor '" + missingBase.get(0) + "' is missing (expected shape "
                        + java.util.Arrays.toString(p.shape()) + ")" + (missingBase.size() > 1
                        ? " and " + (missingBase.size() - 1) + " more" : ""));
            }
            if (!missing.isEmpty()) {
                LOG.warn("{}: {} newly initialised (not in the checkpoint): {}; train the model before using it",
                        weights, model.architecture(), missing);
                Init.initialize(model.module(), missing, config.initializerRange(), 42);
            }
            return model;
        }
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

    private static boolean isHead(String name) {
        return name.startsWith("cls.") || name.startsWith("classifier.") || name.startsWith("bert.pooler.");
    }
}
