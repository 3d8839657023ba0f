package dev.transformers4j.models.io;

import dev.transformers4j.core.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch checkpoint ({@code pytorch_model.bin}, {@code torch.save(model.state_dict())} since PyTorch 1.6),
 * read safely: its pickle is run by our own {@link Unpickler}, which executes nothing and accepts only what
 * PyTorch's {@code torch.load(weights_only=True)} accepts for a state dict (an {@code OrderedDict} of tensors over
 * typed storages). A file asking for anything else, {@code os.system} or {@code builtins.eval}, is refused.
 *
 * <p>Every tensor's view (offset, size, stride) is checked against its storage when the file is opened; values
 * are read one tensor at a time ({@link #tensor}), converted to float32 in row-major order. Tensors that share a
 * storage (tied weights) are each read in full.
 */
public final class PyTorchCheckpoint implements WeightsFile {

    private final Path file;
    private final TorchArchive archive;
    private final Map<String, TorchTensor> tensors;

    private PyTorchCheckpoint(Path file, TorchArchive archive, Map<String, TorchTensor> tensors) {
        this.file = file;
        this.archive = archive;
        this.tensors = tensors;
    }

    /** True when the file starts as a PyTorch checkpoint does (a zip archive or the pre-1.6 magic number). */
    public static boolean looksLikePyTorch(Path file) {
        return TorchArchive.looksLikePyTorch(file);
    }

    /**
     * Opens a checkpoint and reads its state dict's structure (not yet the values).
     *
     * @throws ModelFileException naming the file when it is missing, in the legacy format, damaged, asks for a
     *     global outside the allow-list, or holds a tensor that reaches past its storage
     */
    public static PyTorchCheckpoint open(Path file) {
        TorchArchive archive = TorchArchive.open(file);
        try {
            Object root = Unpickler.load(archive.pickle(), new TorchPickle(file, archive::storageBytes));
            return new PyTorchCheckpoint(file, archive, stateDict(file, root));
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static Map<String, TorchTensor> stateDict(Path file, Object root) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new ModelFileException(file, "holds " + kind(root) + ", not a state dict (a dict of name → tensor)"
                    + " as model.state_dict() returns");
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> {
            if (!(k instanceof String name) || !(v instanceof TorchTensor t)) {
                String entry = k instanceof String ? "'" + k + "'" : kind(k);
                throw new ModelFileException(file, "entry " + entry + " holds " + kind(v)
                        + ": expected a state dict (a dict of name → tensor) as model.state_dict() returns");
            }
            if (t.span() > t.storage().numel() - t.offset()) {
                throw new ModelFileException(file, "tensor '" + name + "' (" + t.describe() + ") reaches past the end"
                        + " of its storage, which holds " + t.storage().numel() + " " + t.storage().dtype()
                        + " elements");
            }
            out.put(name, t);
        });
        return Collections.unmodifiableMap(out);
    }

    private static String kind(Object v) {
        return v instanceof TorchTensor ? "a tensor" : Unpickler.pythonType(v);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The shape of a tensor. */
    public int[] shape(String name) {
        return view(name).shape().clone();
    }

    @Override
    public Tensor tensor(String name) {
        TorchTensor t = view(name);
        DType dtype = t.storage().dtype();
        long bytes = t.span() * dtype.bytes();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, "tensor '" + name + "' spans " + bytes + " bytes of its storage,"
                    + " more than t4j reads at once");
        }
        byte[] raw = archive.storage(t.storage().key(), t.offset() * dtype.bytes(), (int) bytes);
        float[] window = new float[(int) t.span()];
        dtype.read(MemorySegment.ofArray(raw), 0, window, window.length);
        return Tensor.of(t.gather(window), t.shape());
    }

    /**
     * The names that are the same tensor as an earlier name (same storage, offset, shape and stride: a tied
     * weight saved under each of its names), each mapped to the first name in the file.
     */
    public Map<String, String> aliases() {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, List<String>> firstsByStorage = new HashMap<>();
        tensors.forEach((name, t) -> {
            List<String> firsts = firstsByStorage.computeIfAbsent(t.storage().key(), k -> new ArrayList<>());
            String first = firsts.stream().filter(f -> tensors.get(f).sameView(t)).findFirst().orElse(null);
            if (first == null) {
                firsts.add(name);
            } else {
                out.put(name, first);
            }
        });
        return out;
    }

    private TorchTensor view(String name) {
        TorchTensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFileException(file, "no tensor named '" + name + "'");
        }
        return t;
    }

    @Override
    public void close() {
        archive.close();
    }
}
