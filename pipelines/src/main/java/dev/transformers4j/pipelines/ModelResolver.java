package dev.transformers4j.pipelines;

import dev.transformers4j.models.io.ModelFolder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns what a user typed after {@code --model} into an HF folder: a folder with {@code config.json} as is, or a
 * built-in model's name ({@link BuiltinModels}), converted on first use into {@code $T4J_HOME/models/<name>}.
 */
public final class ModelResolver {

    private ModelResolver() {
    }

    /**
     * The folder of a model argument: an existing folder with a {@code config.json} as is, or a built-in model's
     * folder under {@code $T4J_HOME/models}, converted on first use.
     *
     * @throws IllegalArgumentException when the argument is neither
     * @throws IllegalStateException when a built-in model's jar is not on the classpath
     */
    public static Path resolve(String nameOrPath) {
        return resolveFolder(nameOrPath).dir();
    }

    /** {@link #resolve}, with what the folder holds (config, weights, tokenizer files, generation config). */
    public static ModelFolder resolveFolder(String nameOrPath) {
        Path path = asPath(nameOrPath);
        if (path != null && Files.isDirectory(path)) {
            ModelFolder folder = ModelFolder.of(path);
            if (folder.hasConfig()) {
                return folder;
            }
        }
        BuiltinModel model = BuiltinModels.find(nameOrPath);
        if (model == null) {
            throw new IllegalArgumentException("model '" + nameOrPath + "' is neither a folder with config.json"
                    + " nor a built-in model (" + String.join(", ", BuiltinModels.all().stream()
                    .map(BuiltinModel::name).toList()) + ")");
        }
        return ModelFolder.of(BuiltinModels.install(model, home().resolve("models").resolve(model.name())));
    }

    /** {@code $T4J_HOME}: system property {@code t4j.home}, else env {@code T4J_HOME}, else {@code ~/.cache/transformers4j}. */
    public static Path home() {
        String prop = System.getProperty("t4j.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("T4J_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "transformers4j");
    }

    private static Path asPath(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
