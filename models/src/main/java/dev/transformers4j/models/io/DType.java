package dev.transformers4j.models.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The safetensors element types we read, every one converted to float32 (integer tensors such as BERT's
 * {@code position_ids} buffer included), and write (F32).
 */
public enum DType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The dtype of a safetensors header string, or null when we do not support it. */
    public static DType parse(String s) {
        for (DType d : values()) {
            if (d.name().equals(s)) {
                return d;
            }
        }
        return null;
    }

    /** Reads {@code n} elements starting at byte {@code offset} of {@code src} into float32. */
    public void read(MemorySegment src, long offset, float[] dst, int n) {
        switch (this) {
            case F32 -> MemorySegment.copy(src, F32_LE, offset, dst, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = Float.float16ToFloat(src.get(I16_LE, offset + 2L * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = Float.intBitsToFloat((src.get(I16_LE, offset + 2L * i) & 0xffff) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = (float) src.get(F64_LE, offset + 8L * i);
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = src.get(I64_LE, offset + 8L * i);
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = src.get(I32_LE, offset + 4L * i);
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = src.get(I16_LE, offset + 2L * i);
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = src.get(ValueLayout.JAVA_BYTE, offset + i);
                }
            }
            case U8, BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = src.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
                }
            }
        }
    }
}
