package dev.transformers4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every way an ONNX tensor may hold its values: typed fields or little-endian raw_data, 16/32/64-bit. */
class OnnxTensorsTest {

    private static final Path FILE = Path.of("t.onnx");
    private static final float[] VALUES = {1.5f, -2.25f, 0f, 65504f, -0.0009765625f, 3f};

    @Test
    void float32FromRawDataIsLittleEndian() {
        ByteBuffer b = ByteBuffer.allocate(4 * VALUES.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(VALUES);
        TensorProto t = tensor(DataType.FLOAT).setRawData(ByteString.copyFrom(b.array())).build();
        assertThat(OnnxTensors.toTensor(FILE, t).shape()).containsExactly(2, 3);
        assertThat(OnnxTensors.floats(FILE, t)).containsExactly(VALUES);
    }

    @Test
    void float32FromFloatData() {
        var t = tensor(DataType.FLOAT);
        for (float v : VALUES) {
            t.addFloatData(v);
        }
        assertThat(OnnxTensors.floats(FILE, t.build())).containsExactly(VALUES);
    }

    @Test
    void float16FromRawDataAndFromInt32Data() {
        ByteBuffer b = ByteBuffer.allocate(2 * VALUES.length).order(ByteOrder.LITTLE_ENDIAN);
        var typed = tensor(DataType.FLOAT16);
        for (float v : VALUES) {   // every value is exact in half precision
            b.putShort(Float.floatToFloat16(v));
            typed.addInt32Data(Float.floatToFloat16(v) & 0xffff);
        }
        TensorProto raw = tensor(DataType.FLOAT16).setRawData(ByteString.copyFrom(b.array())).build();
        assertThat(OnnxTensors.floats(FILE, raw)).containsExactly(VALUES);
        assertThat(OnnxTensors.floats(FILE, typed.build())).containsExactly(VALUES);
    }

    @Test
    void bfloat16KeepsTheTopHalfOfFloat32() {
        ByteBuffer b = ByteBuffer.allocate(2 * VALUES.length).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[VALUES.length];
        for (int i = 0; i < VALUES.length; i++) {
            short bits = (short) (Float.floatToIntBits(VALUES[i]) >>> 16);
            b.putShort(bits);
            expected[i] = Float.intBitsToFloat((bits & 0xffff) << 16);
        }
        TensorProto t = tensor(DataType.BFLOAT16).setRawData(ByteString.copyFrom(b.array())).build();
        assertThat(OnnxTensors.floats(FILE, t)).containsExactly(expected);
        assertThat(expected[0]).isEqualTo(1.5f);
    }

    @Test
    void doubleIsNarrowedToFloat() {
        var t = tensor(DataType.DOUBLE);
        for (float v : VALUES) {
            t.addDoubleData(v);
        }
        assertThat(OnnxTensors.floats(FILE, t.build())).containsExactly(VALUES);
    }

    @Test
    void int64FromRawDataAndInt64Data() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(12).putLong(-1);
        TensorProto raw = TensorProto.newBuilder().setName("shape").setDataType(DataType.INT64_VALUE).addDims(2)
                .setRawData(ByteString.copyFrom(b.array())).build();
        TensorProto typed = raw.toBuilder().clearRawData().addInt64Data(12).addInt64Data(-1).build();
        assertThat(OnnxTensors.longs(FILE, raw)).containsExactly(12, -1);
        assertThat(OnnxTensors.longs(FILE, typed)).containsExactly(12, -1);
    }

    @Test
    void rawDataOfTheWrongSizeIsNamed() {
        TensorProto t = tensor(DataType.FLOAT).setRawData(ByteString.copyFrom(new byte[20])).build();
        assertThatThrownBy(() -> OnnxTensors.floats(FILE, t)).isInstanceOf(ModelFileException.class)
                .hasMessage("t.onnx: tensor 'w': raw_data has 20 bytes but its shape and type need 24");
    }

    @Test
    void nonFloatingTypesAreRefused() {
        TensorProto t = tensor(DataType.INT8).setRawData(ByteString.copyFrom(new byte[6])).build();
        assertThatThrownBy(() -> OnnxTensors.floats(FILE, t)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'w': expected a floating-point tensor").hasMessageContaining("INT8");
    }

    private static TensorProto.Builder tensor(DataType type) {
        return TensorProto.newBuilder().setName("w").setDataType(type.getNumber()).addDims(2).addDims(3);
    }
}
