package dev.transformers4j.models.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .safetensors} file, memory-mapped: an 8-byte little-endian header length, a JSON header naming
 * every tensor's dtype, shape and byte range, then the raw data.
 *
 * <p>The header is checked before anything is read: every byte range must lie inside the file, match its
 * dtype and shape exactly, and not overlap another; a header may never make us allocate more than the file
 * holds. Tensors are copied out of the mapping one at a time ({@link #tensor}), never the whole file.
 */
public final class SafeTensors implements WeightsFile {

    /** One tensor's header entry. */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, Arena arena, MemorySegment data, Map<String, Entry> entries,
                        Map<String, String> metadata) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.entries = entries;
        this.metadata = metadata;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws ModelFileException naming the file (and tensor) when it is missing, truncated or inconsistent
     */
    public static SafeTensors open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFileException(file, "truncated: " + size + " bytes, too short for a safetensors header");
            }
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLen = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLen < 2 || headerLen > size - 8 || headerLen > MAX_HEADER) {
                throw new ModelFileException(file, "header length " + headerLen + " does not fit a file of "
                        + size + " bytes");
            }
            String header = decodeUtf8(file, all.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE));
            MemorySegment data = all.asSlice(8 + headerLen);
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parseHeader(file, header, data.byteSize(), metadata);
            return new SafeTensors(file, arena, data, entries, Collections.unmodifiableMap(metadata));
        } catch (NoSuchFileException e) {
            arena.close();
            throw new ModelFileException(file, "file not found");
        } catch (IOException e) {
            arena.close();
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    /** Tensor names, in header order. */
    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The header entry of a tensor, or null. */
    public Entry entry(String name) {
        return entries.get(name);
    }

    /** The {@code __metadata__} of the header. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Reads one tensor, converted to float32.
     *
     * @throws ModelFileException when the file has no such tensor
     */
    @Override
    public Tensor tensor(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new ModelFileException(file, "no tensor named '" + name + "'");
        }
        float[] values = new float[Shape.numel(e.shape())];
        e.dtype().read(data, e.begin(), values, values.length);
        return Tensor.of(values, e.shape());
    }

    @Override
    public void close() {
        arena.close();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes float32 tensors as a safetensors file, atomically (a temporary file in the same folder, then a
     * rename), with {@code __metadata__ = {"format": "pt"}} so that Python {@code transformers} accepts it.
     * Tensors are laid out in name order, as the reference writer does for a single dtype.
     */
    public static void write(Path file, Map<String, Tensor> tensors) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        write(file, tensors, meta);
    }

    /** Writes float32 tensors with the given metadata, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.naturalOrder());
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            long bytes = 4L * t.numel();
            ObjectNode e = header.putObject(name);
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = paddedHeader(header);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (String name : names) {
                float[] values = tensors.get(name).toArray();
                ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(values);
                out.write(buf.array());
            }
        });
    }

    private static byte[] paddedHeader(ObjectNode header) {
        try {
            StringBuilder s = new StringBuilder(JSON.writeValueAsString(header));
            while (s.length() % 8 != 0) {
                s.append(' ');
            }
            return s.toString().getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- header validation

    private static Map<String, Entry> parseHeader(Path file, String header, long dataSize, Map<String, String> meta) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file, "header must be a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (var it = root.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().equals("__metadata__")) {
                field.getValue().properties().forEach(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(field.getKey(), parseEntry(file, field.getKey(), field.getValue(), dataSize));
        }
        checkNoOverlap(file, entries);
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataSize) {
        String where = "tensor '" + name + "': ";
        String dt = node.path("dtype").asText("");
        DType dtype = DType.parse(dt);
        if (dtype == null) {
            throw new ModelFileException(file, where + "unsupported dtype '" + dt + "' (expected one of " + java.util.Arrays.toString(DType.values()) + ")");
        }
        JsonNode shapeNode = node.path("shape");
        JsonNode offs = node.path("data_offsets");
        if (!shapeNode.isArray() || !offs.isArray() || offs.size() != 2) {
            throw new ModelFileException(file, where + "expected a 'shape' array and 'data_offsets' [begin, end]");
        }
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = shapeNode.get(i).asLong(-1);
            if (!shapeNode.get(i).canConvertToLong() || d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelFileException(file, where + "invalid dimension " + shapeNode.get(i) + " in shape");
            }
            shape[i] = (int) d;
            numel = Math.multiplyExact(numel, d);
        }
        long begin = offs.get(0).asLong(-1);
        long end = offs.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataSize) {
            throw new ModelFileException(file, where + "data_offsets [" + begin + ", " + end
                    + "] lie outside the " + dataSize + " data bytes of the file (truncated?)");
        }
        if (numel > Integer.MAX_VALUE || end - begin != numel * dtype.bytes()) {
            throw new ModelFileException(file, where + "shape " + Shape.str(shape) + " of " + dtype + " needs "
                    + numel * dtype.bytes() + " bytes but data_offsets give " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void checkNoOverlap(Path file, Map<String, Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry cur = sorted.get(i);
            if (cur.begin() < prev.end() && cur.end() > cur.begin()) {
                throw new ModelFileException(file, "tensors '" + prev.name() + "' and '" + cur.name()
                        + "' overlap (bytes " + cur.begin() + " < " + prev.end() + ")");
            }
        }
    }

    private static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "header is not valid UTF-8");
        }
    }
}
