package dev.transformers4j.tokenizers.text;

/**
 * GPT-2's byte alphabet ({@code bytes_to_unicode} in OpenAI's {@code encoder.py}, HF's
 * {@code BYTES_CHAR}/{@code CHAR_BYTES}): every byte 0..255 is shown as one printable character, so
 * that byte-level BPE can work on strings. The printable Latin-1 bytes {@code ! .. ~}, {@code ¡ .. ¬},
 * {@code ® .. ÿ} stand for themselves; the other 68 bytes become U+0100.. in byte order, so a space
 * (0x20) is {@code Ġ} (U+0120) and a newline (0x0A) is {@code Ċ} (U+010A).
 */
public final class BytesToUnicode {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 0x100;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private BytesToUnicode() {
    }

    /** The character standing for byte {@code b} (0..255, or a signed Java byte). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte (0..255) that {@code c} stands for, or {@code -1} if {@code c} is not in the alphabet. */
    public static int byteOf(int c) {
        return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }
}
