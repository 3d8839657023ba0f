package dev.transformers4j.models.io;

import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a PyTorch checkpoint ({@code pytorch_model.bin}) into {@code model.safetensors}, read safely by
 * {@link PyTorchCheckpoint} and written by {@link SafeTensors#write} (float32, {@code {"format": "pt"}}).
 *
 * <p>A tensor saved under several names (tied weights: Marian's {@code model.shared.weight} is also both
 * {@code embed_tokens.weight} and {@code lm_head.weight}, one storage) is written once, under its first name in
 * the file. A state dict lists a module's own weights before the modules tied to it, so this is the name HF's
 * {@code save_pretrained} keeps for BERT, GPT-2 and Marian; loaders tie the others back, as from_pretrained does.
 * Views that share a storage but differ (another offset or shape) are separate tensors and each is written.
 */
public final class PyTorchConverter {

    /** The files of an HF folder copied beside the converted weights (those it has). */
    public static final List<String> FOLDER_FILES = List.of("config.json", "generation_config.json",
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.txt",
            "vocab.json", "merges.txt", "source.spm", "target.spm", "spiece.model", "sentencepiece.bpe.model");

    /**
     * What a conversion wrote.
     *
     * @param tensors the number of tensors in model.safetensors
     * @param aliases the names not written, each mapped to the name it is stored under
     * @param copied  the files copied into the folder
     */
    public record Result(Path checkpoint, int tensors, Map<String, String> aliases, List<String> copied) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchConverter.class);

    private PyTorchConverter() {
    }

    /**
     * Writes the tensors of {@code bin} to {@code safetensors}, atomically.
     *
     * @throws ModelFileException naming the file when the checkpoint cannot be read safely or the output written
     */
    public static Result convertFile(Path bin, Path safetensors) {
        try (PyTorchCheckpoint ckpt = PyTorchCheckpoint.open(bin)) {
            Map<String, String> aliases = ckpt.aliases();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : ckpt.names()) {
                if (!aliases.containsKey(name)) {
                    tensors.put(name, ckpt.tensor(name));
                }
            }
            SafeTensors.write(safetensors, tensors);
            return new Result(bin, tensors.size(), aliases, List.of());
        }
    }

    /**
     * Converts {@code source}, a {@code pytorch_model.bin} or an HF folder holding one, into the folder
     * {@code outDir}: {@code model.safetensors}, and from a folder its config and tokenizer files
     * ({@link #FOLDER_FILES}). The folder appears whole or not at all; {@code outDir} must be missing or empty.
     *
     * @param tokenizerJson a {@code tokenizer.json} to copy into the folder, or null
     * @throws ModelFileException naming the file when an input is missing or unsafe, or when {@code outDir}
     *     would replace the folder of the checkpoint itself ({@link OutputFolderException} when it is not empty)
     */
    public static Result convert(Path source, Path tokenizerJson, Path outDir) {
        return convert(source, tokenizerJson, outDir, false);
    }

    /**
     * As {@link #convert(Path, Path, Path)}; with {@code overwrite}, a folder at {@code outDir} that transformers4j
     * wrote is replaced atomically ({@link OutputFolder}), any other non-empty folder refused before any work.
     */
    public static Result convert(Path source, Path tokenizerJson, Path outDir, boolean overwrite) {
        boolean folder = Files.isDirectory(source);
        Path bin = folder ? source.resolve(Checkpoint.PYTORCH_BIN) : source;
        if (!Files.isRegularFile(bin)) {
            throw new ModelFileException(bin, "file not found");
        }
        if (tokenizerJson != null && !Files.isRegularFile(tokenizerJson)) {
            throw new ModelFileException(tokenizerJson, "file not found");
        }
        if (absolute(bin).startsWith(absolute(outDir))) {
            throw new ModelFileException(outDir, "is where the checkpoint being converted lives (" + bin
                    + "); writing the converted folder there would replace it: choose another folder");
        }
        OutputFolder.check(outDir, overwrite);
        long start = System.nanoTime();
        Path tmp = ModelFolders.tempSibling(outDir, "tmp");
        try {
            Result r = convertFile(bin, tmp.resolve(Checkpoint.SAFETENSORS));
            List<String> copied = new ArrayList<>();
            for (String f : folder ? FOLDER_FILES : List.<String>of()) {
                if (Files.isRegularFile(source.resolve(f))) {
                    Files.copy(source.resolve(f), tmp.resolve(f));
                    copied.add(f);
                }
            }
            if (tokenizerJson != null) {
                Files.copy(tokenizerJson, tmp.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
                copied.remove("tokenizer.json");
                copied.add("tokenizer.json");
            }
            ModelFolders.publish(tmp, outDir, overwrite ? ModelFolders.IfExists.OVERWRITE : ModelFolders.IfExists.REFUSE);
            LOG.info("converted {} into {} ({} tensors, {} tied names stored once, {} ms)", bin, outDir, r.tensors(),
                    r.aliases().size(), (System.nanoTime() - start) / 1_000_000);
            return new Result(bin, r.tensors(), r.aliases(), List.copyOf(copied));
        } catch (IOException e) {
            throw new ModelFileException(outDir, "cannot write the converted model: " + e, e);
        } finally {
            ModelFolders.deleteRecursively(tmp);   // gone already when published
        }
    }

    private static Path absolute(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
