package dev.transformers4j.tokenizers.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Streams a corpus file line by line as HF's {@code Tokenizer::train_from_files} reads it: each line keeps its
 * {@code \n} (and a {@code \r} before it), so that a byte-level vocabulary learns the newline too. The bytes
 * must be UTF-8: an invalid byte is a {@link CorpusFileException} naming the line and column. A leading
 * byte-order mark is dropped (HF would count it as text).
 */
final class CorpusLines {
    private final Path file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[1024];
    private int length;
    private long number;

    private CorpusLines(Path file) {
        this.file = file;
    }

    /** Gives every line of {@code file} to {@code action}. */
    static void forEach(Path file, Consumer<String> action) {
        if (Files.isDirectory(file)) {
            throw new CorpusFileException(file, 0, "is a folder, expected a UTF-8 text file");
        }
        CorpusLines lines = new CorpusLines(file);
        try (InputStream in = Files.newInputStream(file)) {
            lines.read(in, action);
        } catch (NoSuchFileException e) {
            throw new CorpusFileException(file, 0, "file not found");
        } catch (AccessDeniedException e) {
            throw new CorpusFileException(file, 0, "cannot read the file (permission denied)");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the corpus file: " + e.getMessage(), e);
        }
    }

    private void read(InputStream in, Consumer<String> action) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) > 0; ) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i + 1);
                    action.accept(decodeLine());
                    start = i + 1;
                }
            }
            append(chunk, start, n);
        }
        if (length > 0) {
            action.accept(decodeLine());
        }
    }

    private void append(byte[] chunk, int from, int to) {
        if (length + to - from > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + to - from));
        }
        System.arraycopy(chunk, from, line, length, to - from);
        length += to - from;
    }

    private String decodeLine() {
        number++;
        ByteBuffer in = ByteBuffer.wrap(line, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new CorpusFileException(file, number, "not valid UTF-8 (byte 0x"
                    + String.format("%02X", line[at] & 0xFF) + ", byte " + (at + 1) + " of the line)");
        }
        decoder.flush(out);
        length = 0;
        String text = out.flip().toString();
        return number == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
