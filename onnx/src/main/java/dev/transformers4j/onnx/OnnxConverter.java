package dev.transformers4j.onnx;

import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.ModelFolders;
import dev.transformers4j.models.io.ModelFolders.IfExists;
import dev.transformers4j.models.io.OutputFolder;
import dev.transformers4j.models.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts an ONNX BERT export into a Hugging Face model folder: {@code config.json},
 * {@code model.safetensors} and (when given) {@code tokenizer.json}, which Python {@code transformers}
 * and transformers4j both load.
 *
 * <p>The folder is written beside the target under a hidden temporary name and renamed into place when
 * complete, so a crash or error never leaves a half-written folder under the real name.
 */
public final class OnnxConverter {

    /** Writes extra files into the folder being built, before it is renamed into place. */
    @FunctionalInterface
    public interface ExtraFiles {
        void write(Path folder, BertConfig config) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(OnnxConverter.class);

    private OnnxConverter() {
    }

    /**
     * Converts {@code onnx} into the new folder {@code outDir} (missing or empty; a non-empty folder is refused).
     *
     * @param tokenizerJson a {@code tokenizer.json} to copy into the folder, or null
     * @return the config that was written
     * @throws ModelFileException naming the file (and tensor) when an input is missing, is not an ONNX BERT
     *     model, or the folder cannot be written ({@link dev.transformers4j.models.io.OutputFolderException} when
     *     {@code outDir} is not empty)
     */
    public static BertConfig convert(Path onnx, Path tokenizerJson, Path outDir) {
        return convert(onnx, tokenizerJson, outDir, false);
    }

    /**
     * Converts into {@code outDir}; with {@code overwrite}, a folder there that transformers4j wrote is replaced
     * atomically ({@link OutputFolder}); any other non-empty folder is refused before any work.
     */
    public static BertConfig convert(Path onnx, Path tokenizerJson, Path outDir, boolean overwrite) {
        OutputFolder.check(outDir, overwrite);
        return convert(onnx, tokenizerJson, outDir, overwrite ? IfExists.OVERWRITE : IfExists.REFUSE,
                (folder, config) -> { });
    }

    /**
     * Converts into {@code outDir}, doing with a folder that is there (or appears meanwhile: another process
     * converted the same model) what {@code ifExists} says. {@code extra} adds files to the folder before it is
     * moved into place (the built-in models add sentence-transformers' files).
     */
    public static BertConfig convert(Path onnx, Path tokenizerJson, Path outDir, IfExists ifExists, ExtraFiles extra) {
        if (tokenizerJson != null && !Files.isRegularFile(tokenizerJson)) {
            throw new ModelFileException(tokenizerJson, "file not found");
        }
        long start = System.nanoTime();
        OnnxBertImporter.ImportedBert imported = OnnxBertImporter.importBert(onnx);
        Path tmp = ModelFolders.tempSibling(outDir, "tmp");
        try {
            ConfigJson.write(tmp.resolve("config.json"), imported.config().toJson());
            SafeTensors.write(tmp.resolve("model.safetensors"), imported.tensors());
            if (tokenizerJson != null) {
                Files.copy(tokenizerJson, tmp.resolve("tokenizer.json"));
            }
            extra.write(tmp, imported.config());
            ModelFolders.publish(tmp, outDir, ifExists);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(Path.of(e.getFile()), "file not found", e);
        } catch (IOException e) {
            throw new ModelFileException(outDir, "cannot write the converted model: " + e, e);
        } finally {
            ModelFolders.deleteRecursively(tmp);   // gone already when published
        }
        LOG.info("converted {} into {} ({} tensors, {} ms)", onnx, outDir, imported.tensors().size(),
                (System.nanoTime() - start) / 1_000_000);
        return imported.config();
    }
}
