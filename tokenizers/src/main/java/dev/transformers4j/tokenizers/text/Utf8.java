package dev.transformers4j.tokenizers.text;

import java.io.ByteArrayOutputStream;

/** UTF-8 encoding of single code points, and Rust's lossy decoding ({@code String::from_utf8_lossy}). */
public final class Utf8 {
    private static final int REPLACEMENT = 0xFFFD;

    private Utf8() {
    }

    /**
     * Writes the UTF-8 bytes of {@code cp} into {@code out} and returns how many (1..4). A lone
     * surrogate (which a Rust string cannot hold) is written as U+FFFD.
     */
    public static int encode(int cp, byte[] out) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = REPLACEMENT;
        }
        if (cp < 0x80) {
            out[0] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            out[0] = (byte) (0xC0 | cp >> 6);
            out[1] = (byte) (0x80 | cp & 0x3F);
            return 2;
        }
        if (cp < 0x10000) {
            out[0] = (byte) (0xE0 | cp >> 12);
            out[1] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[2] = (byte) (0x80 | cp & 0x3F);
            return 3;
        }
        out[0] = (byte) (0xF0 | cp >> 18);
        out[1] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[2] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[3] = (byte) (0x80 | cp & 0x3F);
        return 4;
    }

    /** The number of UTF-8 bytes of {@code cp} (a lone surrogate counts as U+FFFD: 3). */
    public static int length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** All bytes of {@code bytes} written so far, as {@link #decodeLossy(byte[], int)}. */
    public static String decodeLossy(ByteArrayOutputStream bytes) {
        return decodeLossy(bytes.toByteArray(), bytes.size());
    }

    /**
     * Rust's {@code String::from_utf8_lossy}: every maximal prefix of a well-formed sequence that cannot
     * be completed becomes one U+FFFD (the Unicode "substitution of maximal subparts" practice), and
     * decoding resumes at the byte that broke it. A byte that cannot start a sequence is one U+FFFD.
     */
    public static String decodeLossy(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            int cp = need == 1 ? lead & 0x1F : need == 2 ? lead & 0x0F : lead & 0x07;
            int j = i + 1;
            for (int k = 0; k < need && j < length && fits(lead, k, bytes[j] & 0xFF); k++, j++) {
                cp = cp << 6 | (bytes[j] & 0x3F);
            }
            out.appendCodePoint(need > 0 && j - i == need + 1 ? cp : REPLACEMENT);
            i = j;
        }
        return out.toString();
    }

    /** Whether {@code b} may be continuation byte number {@code k} after {@code lead} (Unicode Table 3-7). */
    private static boolean fits(int lead, int k, int b) {
        if (k == 0) {
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            return b >= low && b <= high;
        }
        return b >= 0x80 && b <= 0xBF;
    }
}
