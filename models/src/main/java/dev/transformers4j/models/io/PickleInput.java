package dev.transformers4j.models.io;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The bytes of one pickle, read front to back. Every read is checked against the end, so a truncated or lying
 * pickle fails with a message naming the file, the pickle and the byte, never with an index error.
 */
final class PickleInput {

    private final Path file;
    private final String name;
    private final byte[] bytes;
    private int pos;

    PickleInput(Path file, String name, byte[] bytes) {
        this.file = file;
        this.name = name;
        this.bytes = bytes;
    }

    /** The offset of the next byte. */
    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= bytes.length;
    }

    int u8() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    /** {@code n} little-endian bytes as an unsigned number (n ≤ 4) or a long (n = 8). */
    long littleEndian(int n) {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    /** {@code n} bytes as a two's-complement little-endian integer ({@code LONG1}); n ≤ 8. */
    long signedLittleEndian(int n) {
        if (n == 0) {
            return 0;
        }
        long v = littleEndian(n);
        int unused = 64 - 8 * n;
        return (v << unused) >> unused;
    }

    /** A big-endian IEEE double ({@code BINFLOAT}). */
    double bigEndianDouble() {
        need(8);
        double d = ByteBuffer.wrap(bytes, pos, 8).getDouble();
        pos += 8;
        return d;
    }

    /** {@code n} bytes decoded as UTF-8. */
    String utf8(long n) {
        if (n < 0 || n > bytes.length - pos) {
            throw error("a string of " + n + " bytes runs past the end (" + (bytes.length - pos) + " bytes left)");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, (int) n)).toString();
            pos += (int) n;
            return s;
        } catch (CharacterCodingException e) {
            throw error("a string is not valid UTF-8");
        }
    }

    /** The text up to the next newline ({@code GLOBAL}'s module and name lines). */
    String line() {
        for (int i = pos; i < bytes.length && i - pos < 256; i++) {
            if (bytes[i] == '\n') {
                String s = utf8(i - pos);
                pos++;
                return s;
            }
        }
        throw error("a GLOBAL line has no newline within 256 bytes");
    }

    /** A malformed-pickle error at the current byte. */
    ModelFileException error(String message) {
        return new ModelFileException(file, name + " is not a valid pickle at byte " + pos + ": " + message);
    }

    private void need(int n) {
        if (n > bytes.length - pos) {
            throw error("truncated (" + n + " more bytes needed, " + (bytes.length - pos) + " left)");
        }
    }
}
