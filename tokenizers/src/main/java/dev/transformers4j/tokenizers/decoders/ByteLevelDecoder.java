package dev.transformers4j.tokenizers.decoders;

import dev.transformers4j.tokenizers.text.BytesToUnicode;
import dev.transformers4j.tokenizers.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HF's {@code ByteLevel} decoder, the inverse of the byte-level pre-tokenizer: every token's characters
 * go back to the bytes they stand for (a token with a character outside the byte alphabet, such as an
 * added token, contributes its own UTF-8 bytes), and all the bytes are decoded as UTF-8 at once.
 * Invalid UTF-8 (ids cut in the middle of a character) becomes U+FFFD, as Rust's
 * {@code String::from_utf8_lossy} does.
 */
public enum ByteLevelDecoder implements Decoder {
    INSTANCE;

    @Override
    public List<String> decodeChain(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            writeBytes(token, bytes);
        }
        return List.of(Utf8.decodeLossy(bytes));
    }

    private static void writeBytes(String token, ByteArrayOutputStream bytes) {
        byte[] mapped = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = BytesToUnicode.byteOf(token.charAt(i));
            if (b < 0) {
                bytes.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
            mapped[i] = (byte) b;
        }
        bytes.writeBytes(mapped);
    }
}
