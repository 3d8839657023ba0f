package dev.transformers4j.models.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoint averaging, §6.1: "For the base models, we used a single model obtained by averaging the last 5
 * checkpoints" — every weight of the new model is the mean of that weight over K checkpoints of one training run,
 * {@code θ̄ = (1/K) Σ_k θ_k} (fairseq's {@code average_checkpoints.py}). Tied weights stay tied: each stored tensor
 * is averaged once.
 */
public final class CheckpointAverager {

    /** What {@link #averageFolders} wrote: how many tensors, and which companion files it copied from where. */
    public record Result(int tensors, List<String> copied) {
    }

    private CheckpointAverager() {
    }

    /**
     * The element-wise mean of the weights of several model folders ({@code model.safetensors}, else
     * {@code pytorch_model.bin}), accumulated in double.
     *
     * @throws ModelFileException naming the file whose tensor names or shapes differ from the first one's
     */
    public static Map<String, Tensor> average(List<Path> folders) {
        if (folders.size() < 2) {
            throw new IllegalArgumentException("checkpoint averaging: expected at least 2 checkpoints but got "
                    + folders.size());
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Path first = null;
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                throw new ModelFileException(dir, "not a model folder (expected config.json and model.safetensors)");
            }
            try (WeightsFile w = Checkpoint.open(dir)) {
                Path file = w.file();
                first = first == null ? file : first;
                requireSameNames(file, w, first, shapes);
                for (String name : w.names()) {
                    accumulate(file, name, w.tensor(name), sums, shapes);
                }
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = (float) (sum[i] / folders.size());
            }
            out.put(name, Tensor.of(mean, shapes.get(name)));
        });
        return out;
    }

    /**
     * Averages the weights of the model folders {@code folders} (all with the same {@code config.json}) into the
     * folder {@code outDir}, which gets the config, generation config and tokenizer files of the first folder —
     * or, for those the first folder lacks, of its parent (a trainer's {@code checkpoint-N} sits inside the run's
     * output folder, which holds the tokenizer). The folder appears whole or not at all; {@code outDir} must be
     * missing or empty ({@link OutputFolderException} otherwise).
     */
    public static Result averageFolders(List<Path> folders, Path outDir) {
        return averageFolders(folders, outDir, false);
    }

    /**
     * As {@link #averageFolders(List, Path)}; with {@code overwrite}, a folder at {@code outDir} that transformers4j
     * wrote is replaced atomically ({@link OutputFolder}), any other non-empty folder refused before any work.
     */
    public static Result averageFolders(List<Path> folders, Path outDir, boolean overwrite) {
        OutputFolder.check(outDir, overwrite);
        Path firstConfig = folders.get(0).resolve("config.json");
        ObjectNode config = ConfigJson.readObject(firstConfig);
        for (Path dir : folders.subList(1, folders.size())) {
            requireSameConfig(firstConfig, config, dir);
        }
        Map<String, Tensor> mean = average(folders);
        Path tmp = ModelFolders.tempSibling(outDir, "tmp");
        try {
            SafeTensors.write(tmp.resolve(Checkpoint.SAFETENSORS), mean);
            List<String> copied = new ArrayList<>();
            Path first = folders.get(0).toAbsolutePath().normalize();
            for (String f : PyTorchConverter.FOLDER_FILES) {
                for (Path from : first.getParent() == null ? List.of(first) : List.of(first, first.getParent())) {
                    if (Files.isRegularFile(from.resolve(f))) {
                        Files.copy(from.resolve(f), tmp.resolve(f));
                        copied.add(f);
                        break;
                    }
                }
            }
            ModelFolders.publish(tmp, outDir, overwrite ? ModelFolders.IfExists.OVERWRITE : ModelFolders.IfExists.REFUSE);
            return new Result(mean.size(), List.copyOf(copied));
        } catch (IOException e) {
            throw new ModelFileException(outDir, "cannot write the averaged model: " + e, e);
        } finally {
            ModelFolders.deleteRecursively(tmp);
        }
    }

    private static void requireSameConfig(Path firstConfig, ObjectNode config, Path dir) {
        Path b = dir.resolve("config.json");
        if (!Files.isRegularFile(b)) {
            throw new ModelFileException(b, "file not found");
        }
        if (!config.equals(ConfigJson.readObject(b))) {
            throw new ModelFileException(b, "differs from " + firstConfig
                    + ": only checkpoints of one model can be averaged");
        }
    }

    private static void requireSameNames(Path file, WeightsFile w, Path first, Map<String, int[]> shapes) {
        if (!shapes.isEmpty() && !shapes.keySet().equals(w.names())) {
            List<String> extra = new ArrayList<>(w.names());
            extra.removeAll(shapes.keySet());
            List<String> missing = new ArrayList<>(shapes.keySet());
            missing.removeAll(w.names());
            throw new ModelFileException(file, "has other tensors than " + first + (missing.isEmpty() ? ""
                    : "; missing: " + missing.get(0)) + (extra.isEmpty() ? "" : "; extra: " + extra.get(0)));
        }
    }

    private static void accumulate(Path file, String name, Tensor t, Map<String, double[]> sums,
                                   Map<String, int[]> shapes) {
        int[] shape = shapes.putIfAbsent(name, t.shape());
        if (shape != null && !Arrays.equals(shape, t.shape())) {
            throw new ModelFileException(file, "tensor '" + name + "': expected shape " + Arrays.toString(shape)
                    + " but was " + Arrays.toString(t.shape()));
        }
        double[] sum = sums.computeIfAbsent(name, n -> new double[t.numel()]);
        float[] x = t.toArray();
        for (int i = 0; i < x.length; i++) {
            sum[i] += x[i];
        }
    }
}
