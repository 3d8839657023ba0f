package dev.transformers4j.server;

import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.pipelines.BuiltinModel;
import dev.transformers4j.pipelines.BuiltinModels;
import dev.transformers4j.pipelines.ModelResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the explorer offers: the built-in BERT-family models, then the {@code --model} folders (named by
 * their folder name). A model is loaded on its first request and kept.
 */
final class ModelCatalog {

    /**
     * One offered model.
     *
     * @param source {@code "builtin"} or {@code "folder"}
     * @param folder the folder of a {@code --model}; null for a built-in model (converted on first use)
     */
    record Entry(String name, String source, ModelKind kind, Path folder) {
    }

    private final Map<String, Entry> entries;
    private final Map<String, ExplorerModel> loaded = new ConcurrentHashMap<>();

    private ModelCatalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The built-in models and {@code folders}; a folder without config.json or a tokenizer is refused here, at startup. */
    static ModelCatalog of(List<Path> folders) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (BuiltinModel m : BuiltinModels.all()) {
            entries.put(m.name(), new Entry(m.name(), "builtin", ModelKind.ENCODER, null));
        }
        for (Path dir : folders) {
            ModelFolder folder = ModelFolder.of(dir);
            if (!folder.hasConfig()) {
                throw new ExplorerServerException("--model " + dir + ": not a model folder (no config.json)");
            }
            if (!folder.tokenizer().isFast()) {
                throw new ExplorerServerException("--model " + dir + ": " + ExplorerModel.NO_TOKENIZER);
            }
            ModelKind kind = ModelKind.ofModelType(ConfigJson.read(folder.config()).getString("model_type", ""));
            Path name = dir.toAbsolutePath().normalize().getFileName();
            String key = name == null || entries.containsKey(name.toString()) ? dir.toString() : name.toString();
            entries.put(key, new Entry(key, "folder", kind, dir));
        }
        return new ModelCatalog(entries);
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** The model of this name, loaded on first use; 404 when the catalog has no such name. */
    ExplorerModel get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new ApiException(404, "model: unknown model '" + name + "' (GET /api/models lists "
                    + String.join(", ", entries.keySet()) + ")");
        }
        return loaded.computeIfAbsent(name, n -> ExplorerModel.load(n, e.kind(),
                ModelResolver.resolveFolder(e.folder() != null ? e.folder().toString() : n)));
    }
}
