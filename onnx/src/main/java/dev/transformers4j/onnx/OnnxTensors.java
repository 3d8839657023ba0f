package dev.transformers4j.onnx;

import com.google.protobuf.ByteString;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto;
import dev.transformers4j.onnx.proto.OnnxProto.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Decodes the values of an ONNX {@link TensorProto}. Elements are either in a typed field
 * ({@code float_data}, {@code int32_data} for FLOAT16 bit patterns, {@code int64_data}, {@code double_data})
 * or in {@code raw_data}, fixed-width little-endian. Data stored in an external file is refused with a
 * message that says so.
 */
final class OnnxTensors {

    private OnnxTensors() {
    }

    /** The shape of a tensor, checked to fit {@code int} dimensions. */
    static int[] shape(Path file, TensorProto t) {
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelFileException(file, "tensor '" + t.getName() + "': invalid dimension " + d);
            }
            shape[i] = (int) d;
        }
        return shape;
    }

    /** A floating-point tensor (FLOAT, FLOAT16, BFLOAT16 or DOUBLE) as float32. */
    static Tensor toTensor(Path file, TensorProto t) {
        return Tensor.of(floats(file, t), shape(file, t));
    }

    /** The elements of a floating-point tensor as float32. */
    static float[] floats(Path file, TensorProto t) {
        checkInline(file, t);
        int n = numel(file, t);
        boolean raw = !t.getRawData().isEmpty();
        DataType type = DataType.forNumber(t.getDataType());
        return switch (type == null ? DataType.UNDEFINED : type) {
            case FLOAT -> raw ? float32(raw(file, t, n, 4), n) : floatData(file, t, n);
            case FLOAT16, BFLOAT16 -> bits16(file, t, n, raw, type == DataType.FLOAT16);
            case DOUBLE -> raw ? float64(raw(file, t, n, 8), n) : doubleData(file, t, n);
            default -> throw new ModelFileException(file, "tensor '" + t.getName() + "': expected a floating-point"
                    + " tensor (FLOAT, FLOAT16, BFLOAT16, DOUBLE) but its data_type is " + typeName(t));
        };
    }

    private static float[] float32(ByteBuffer raw, int n) {
        float[] out = new float[n];
        raw.asFloatBuffer().get(out);
        return out;
    }

    private static float[] floatData(Path file, TensorProto t, int n) {
        checkCount(file, t, t.getFloatDataCount(), n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    /** FLOAT16 / BFLOAT16: raw_data holds 2-byte values; int32_data holds one bit pattern per element. */
    private static float[] bits16(Path file, TensorProto t, int n, boolean raw, boolean half) {
        float[] out = new float[n];
        if (raw) {
            var shorts = raw(file, t, n, 2).asShortBuffer();
            for (int i = 0; i < n; i++) {
                out[i] = fromBits16(shorts.get(i), half);
            }
        } else {
            checkCount(file, t, t.getInt32DataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = fromBits16((short) t.getInt32Data(i), half);
            }
        }
        return out;
    }

    private static float[] float64(ByteBuffer raw, int n) {
        var doubles = raw.asDoubleBuffer();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) doubles.get(i);
        }
        return out;
    }

    private static float[] doubleData(Path file, TensorProto t, int n) {
        checkCount(file, t, t.getDoubleDataCount(), n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) t.getDoubleData(i);
        }
        return out;
    }

    /** The elements of an integer tensor (INT64 or INT32), e.g. a Reshape target shape. */
    static long[] longs(Path file, TensorProto t) {
        checkInline(file, t);
        int n = numel(file, t);
        long[] out = new long[n];
        boolean raw = !t.getRawData().isEmpty();
        if (t.getDataType() == DataType.INT64_VALUE) {
            if (raw) {
                raw(file, t, n, 8).asLongBuffer().get(out);
            } else {
                checkCount(file, t, t.getInt64DataCount(), n);
                for (int i = 0; i < n; i++) {
                    out[i] = t.getInt64Data(i);
                }
            }
        } else if (t.getDataType() == DataType.INT32_VALUE) {
            var ints = raw ? raw(file, t, n, 4).asIntBuffer() : null;
            if (!raw) {
                checkCount(file, t, t.getInt32DataCount(), n);
            }
            for (int i = 0; i < n; i++) {
                out[i] = raw ? ints.get(i) : t.getInt32Data(i);
            }
        } else {
            throw new ModelFileException(file, "tensor '" + t.getName() + "': expected INT64 or INT32 but its"
                    + " data_type is " + typeName(t));
        }
        return out;
    }

    /** True when the tensor holds floating-point values. */
    static boolean isFloating(TensorProto t) {
        int dt = t.getDataType();
        return dt == DataType.FLOAT_VALUE || dt == DataType.FLOAT16_VALUE || dt == DataType.BFLOAT16_VALUE
                || dt == DataType.DOUBLE_VALUE;
    }

    /** IEEE half (1-5-10) or bfloat16 (1-8-7) bits to float32. */
    static float fromBits16(short bits, boolean half) {
        return half ? Float.float16ToFloat(bits) : Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    private static void checkInline(Path file, TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            String location = t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                    .map(e -> e.getValue()).findFirst().orElse("?");
            throw new ModelFileException(file, "tensor '" + t.getName() + "' is stored in an external data file ('"
                    + location + "'), which is not supported; re-export the model with the weights inside the"
                    + " .onnx file (onnx.save_model(model, path, save_as_external_data=False))");
        }
    }

    private static int numel(Path file, TensorProto t) {
        long n = 1;
        for (int d : shape(file, t)) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ModelFileException(file, "tensor '" + t.getName() + "' has more than 2^31 elements");
            }
        }
        return (int) n;
    }

    private static ByteBuffer raw(Path file, TensorProto t, int n, int width) {
        ByteString bytes = t.getRawData();
        if (bytes.size() != (long) n * width) {
            throw new ModelFileException(file, "tensor '" + t.getName() + "': raw_data has " + bytes.size()
                    + " bytes but its shape and type need " + (long) n * width);
        }
        return bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkCount(Path file, TensorProto t, int count, int n) {
        if (count != n) {
            throw new ModelFileException(file, "tensor '" + t.getName() + "' holds " + count
                    + " values but its shape needs " + n);
        }
    }

    private static String typeName(TensorProto t) {
        DataType type = DataType.forNumber(t.getDataType());
        return type == null ? String.valueOf(t.getDataType()) : type.name();
    }
}
