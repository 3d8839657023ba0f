package dev.transformers4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.ConfigJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Refuses to resume a model from a checkpoint written for a model with another config. */
final class ConfigGuard {

    private ConfigGuard() {
    }

    /**
     * Compares the checkpoint's {@code config.json} with the one this model writes, field by field.
     *
     * @throws CheckpointException naming the checkpoint and the first differing field with both values
     */
    static void requireSameConfig(PretrainedModel model, Path checkpoint) {
        ObjectNode saved = ConfigJson.readObject(checkpoint.resolve("config.json"));
        ObjectNode ours = currentConfig(model);
        Set<String> fields = new LinkedHashSet<>();
        ours.fieldNames().forEachRemaining(fields::add);
        saved.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            JsonNode a = saved.get(f);
            JsonNode b = ours.get(f);
            if (a == null || b == null || !a.equals(b)) {
                throw new CheckpointException(checkpoint, "was written for another model: config field '" + f
                        + "' is " + a + " in the checkpoint but " + b + " in the model being trained");
            }
        }
    }

    /** The config.json the model writes (savePretrained into a scratch folder, then deleted). */
    private static ObjectNode currentConfig(PretrainedModel model) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("t4j-config-");
            model.savePretrained(tmp);
            return ConfigJson.readObject(tmp.resolve("config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    CheckpointFolders.deleteRecursively(tmp);
                } catch (IOException ignored) {
                    // a scratch folder in the system temp directory
                }
            }
        }
    }
}
