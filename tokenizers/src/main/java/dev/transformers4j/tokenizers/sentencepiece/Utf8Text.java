package dev.transformers4j.tokenizers.sentencepiece;

import dev.transformers4j.tokenizers.text.Utf8;
import java.util.Arrays;

/**
 * A text as UTF-8 bytes (what SentencePiece works on), with the UTF-16 index of every byte that starts a
 * character and the byte offset of every UTF-16 character boundary. A lone surrogate counts as U+FFFD.
 */
final class Utf8Text {
    final String text;
    final byte[] bytes;
    final int[] charAt;
    final int[] byteOf;

    Utf8Text(String text) {
        this.text = text;
        byte[] buffer = new byte[text.length() * 3];
        int[] chars = new int[text.length() * 3 + 1];
        this.byteOf = new int[text.length() + 1];
        byte[] one = new byte[4];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int k = Utf8.encode(cp, one);
            System.arraycopy(one, 0, buffer, n, k);
            chars[n] = i;
            byteOf[i] = n;
            n += k;
            i += Character.charCount(cp);
        }
        chars[n] = text.length();
        byteOf[text.length()] = n;
        this.bytes = Arrays.copyOf(buffer, n);
        this.charAt = Arrays.copyOf(chars, n + 1);
    }

    /** The byte offset of UTF-16 index {@code charIndex} (a character boundary). */
    int byteAt(int charIndex) {
        return byteOf[charIndex];
    }
}

