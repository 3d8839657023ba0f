package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    /** A file with the given header JSON and raw data bytes. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void writeThenReadRoundTrips() {
        Map<String, Tensor> ts = new LinkedHashMap<>();
        ts.put("b.weight", Tensor.of(new float[] {1, -2, 3.5f, 4, 5, 6}, 2, 3));
        ts.put("a.bias", Tensor.of(new float[] {0.25f}, 1));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, ts);
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.names()).containsExactly("a.bias", "b.weight");
            assertThat(st.metadata()).containsEntry("format", "pt");
            assertThat(st.tensor("b.weight").shape()).containsExactly(2, 3);
            assertThat(st.tensor("b.weight").toArray()).containsExactly(1, -2, 3.5f, 4, 5, 6);
            assertThat(st.tensor("a.bias").toArray()).containsExactly(0.25f);
        }
        assertThat(dir.toFile().list()).containsExactly("m.safetensors");    // no temporary file left
    }

    @Test
    void headerLengthIsPaddedToEightBytesAsTheReferenceWriter() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.zeros(3)));
        long n = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
    }

    @Test
    void readsHalfAndBfloat16() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
        d.putShort((short) (Float.floatToIntBits(3.0f) >>> 16)).putShort((short) (Float.floatToIntBits(-0.5f) >>> 16));
        Path f = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}", d.array());
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.tensor("h").toArray()).containsExactly(1.5f, -2f);
            assertThat(st.tensor("b").toArray()).containsExactly(3f, -0.5f);
        }
    }

    @Test
    void offsetsOutsideTheFileAreRefused() throws IOException {
        Path f = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000],\"data_offsets\":[0,4000000]}}", new byte[16]);
        assertThatThrownBy(() -> SafeTensors.open(f)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("tensor 'w'")
                .hasMessageContaining("outside the 16 data bytes");
    }

    @Test
    void sizeThatDisagreesWithShapeIsRefused() throws IOException {
        Path f = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertThatThrownBy(() -> SafeTensors.open(f)).hasMessageContaining("tensor 'w'")
                .hasMessageContaining("needs 12 bytes but data_offsets give 8");
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        Path f = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertThatThrownBy(() -> SafeTensors.open(f)).hasMessageContaining("'a' and 'b' overlap");
    }

    @Test
    void unknownDtypeIsNamed() throws IOException {
        Path f = file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);
        assertThatThrownBy(() -> SafeTensors.open(f)).hasMessageContaining("tensor 'a'")
                .hasMessageContaining("unsupported dtype 'F8_E4M3'");
    }

    @Test
    void headerLongerThanTheFileIsRefusedWithoutAllocating() throws IOException {
        Path f = dir.resolve("model.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE / 2);
        Files.write(f, b.array());
        assertThatThrownBy(() -> SafeTensors.open(f)).hasMessageContaining("header length")
                .hasMessageContaining("does not fit a file of 16 bytes");
    }

    @Test
    void truncatedMissingInvalidJsonAndInvalidUtf8() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        assertThatThrownBy(() -> SafeTensors.open(tiny)).hasMessageContaining("tiny.safetensors: truncated");
        assertThatThrownBy(() -> SafeTensors.open(dir.resolve("nope.safetensors")))
                .hasMessageContaining("nope.safetensors: file not found");
        Path bad = file("{\"a\": [1, 2", new byte[0]);
        assertThatThrownBy(() -> SafeTensors.open(bad)).hasMessageContaining("header is not valid JSON");
        byte[] h = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Path utf = dir.resolve("utf.safetensors");
        Files.write(utf, b.array());
        assertThatThrownBy(() -> SafeTensors.open(utf)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void missingTensorIsNamed() {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.zeros(1)));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThatThrownBy(() -> st.tensor("y")).hasMessageContaining("no tensor named 'y'");
        }
    }
}
