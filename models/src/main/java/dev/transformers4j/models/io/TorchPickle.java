package dev.transformers4j.models.io;

import dev.transformers4j.models.io.Unpickler.Tuple;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a {@code torch.save} state dict may ask of the {@link Unpickler}: the allow-list of PyTorch's
 * {@code torch.load(weights_only=True)}, narrowed to what state dicts use. A state dict is an
 * {@code collections.OrderedDict} of tensors; a tensor is {@code torch._utils._rebuild_tensor_v2(storage,
 * storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}; a storage is the persistent id
 * {@code ('storage', torch.FloatStorage, key, location, numel)}, whose bytes are the archive's {@code data/key}.
 * Nothing is called: each allowed call becomes a value ({@link TorchTensor}, a map). Any other global, call or
 * instantiation refuses the file, naming what the pickle asked for.
 */
final class TorchPickle implements Unpickler.Host {

    /** An allowed global that is a function or class the pickle may call. */
    enum Callable { ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE }

    /** A legacy typed-storage class such as {@code torch.FloatStorage}: the element type of a storage. */
    record StorageType(String name, DType dtype) {
        @Override
        public String toString() {
            return "torch." + name;
        }
    }

    /** A dtype global such as {@code torch.float32}, allowed as a value, never called. */
    record DTypeGlobal(String name) {
        @Override
        public String toString() {
            return "torch." + name;
        }
    }

    private static final Map<String, Callable> CALLABLES = Map.of(
            "collections.OrderedDict", Callable.ORDERED_DICT,
            "torch._utils._rebuild_tensor_v2", Callable.REBUILD_TENSOR_V2,
            "torch._utils._rebuild_parameter", Callable.REBUILD_PARAMETER,
            "torch._utils._rebuild_parameter_with_state", Callable.REBUILD_PARAMETER_WITH_STATE);

    private static final Map<String, DType> STORAGES = Map.of(
            "FloatStorage", DType.F32, "DoubleStorage", DType.F64, "HalfStorage", DType.F16,
            "BFloat16Storage", DType.BF16, "LongStorage", DType.I64, "IntStorage", DType.I32,
            "ShortStorage", DType.I16, "CharStorage", DType.I8, "ByteStorage", DType.U8, "BoolStorage", DType.BOOL);

    private static final List<String> DTYPES = List.of("float32", "float", "float64", "double", "float16", "half",
            "bfloat16", "int64", "long", "int32", "int", "int16", "short", "int8", "uint8", "bool");

    private final Path file;
    private final ToLongFunction<String> storageBytes;

    /**
     * @param storageBytes the size in bytes of the archive's storage file of a key, or -1 when there is none
     */
    TorchPickle(Path file, ToLongFunction<String> storageBytes) {
        this.file = file;
        this.storageBytes = storageBytes;
    }

    /** The refusal of a file whose pickle asks for something outside the allow-list. */
    static ModelFileException refusal(Path file, String asked) {
        return new ModelFileException(file, "refuses to load: the pickle asks for " + asked
                + "; only tensor storages are allowed (PyTorch weights_only)");
    }

    @Override
    public Object global(String module, String name) {
        String dotted = module + "." + name;
        if (CALLABLES.containsKey(dotted)) {
            return CALLABLES.get(dotted);
        }
        if (module.equals("torch") && STORAGES.containsKey(name)) {
            return new StorageType(name, STORAGES.get(name));
        }
        if (module.equals("torch") && DTYPES.contains(name)) {
            return new DTypeGlobal(name);
        }
        throw refusal(file, dotted);
    }

    @Override
    public Object call(Object callable, Tuple args) {
        if (!(callable instanceof Callable c)) {
            throw refusal(file, "a call of " + describe(callable));
        }
        return switch (c) {
            case ORDERED_DICT -> {
                if (args.size() != 0) {
                    throw refusal(file, "collections.OrderedDict with arguments");
                }
                yield new LinkedHashMap<>();
            }
            case REBUILD_TENSOR_V2 -> TorchTensor.rebuild(file, args);
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                if (args.size() < 1 || !(args.get(0) instanceof TorchTensor t)) {
                    throw refusal(file, "a parameter that is not a tensor");
                }
                yield t;
            }
        };
    }

    /** BUILD sets state: allowed on a state dict (its {@code _metadata}) and a tensor, and ignored. */
    @Override
    public void build(Object target, Object state) {
        if (!(target instanceof Map<?, ?> || target instanceof TorchTensor)) {
            throw refusal(file, "BUILD on " + describe(target));
        }
    }

    @Override
    public Object persistentLoad(Object pid) {
        if (!(pid instanceof Tuple t) || t.size() != 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof StorageType type) || !(t.get(2) instanceof String key)
                || !(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw refusal(file, "a persistent id that is not ('storage', torch.<Type>Storage, key, location, numel)");
        }
        long have = storageBytes.applyAsLong(key);
        if (have < 0) {
            throw new ModelFileException(file, "storage 'data/" + key + "' is missing from the archive"
                    + " (the pickle refers to it)");
        }
        long need = numel > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : numel * type.dtype().bytes();
        if (have < need) {
            throw new ModelFileException(file, "storage 'data/" + key + "' holds " + have + " bytes but the pickle"
                    + " declares " + numel + " " + type.dtype() + " elements (" + need + " bytes); truncated?");
        }
        return new TorchTensor.Storage(key, type.dtype(), numel);
    }

    private static String describe(Object v) {
        return v instanceof StorageType || v instanceof DTypeGlobal ? v.toString() : Unpickler.pythonType(v);
    }
}
