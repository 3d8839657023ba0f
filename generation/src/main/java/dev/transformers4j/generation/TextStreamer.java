package dev.transformers4j.generation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns streamed tokens into text pieces, per row, like HF's {@code TextStreamer}: it decodes all tokens of the
 * current line and emits what is new and final. A byte-level BPE token can end inside a multi-byte UTF-8
 * character, which decodes to U+FFFD until the next token completes it, so text is emitted
 * <ul>
 * <li>after a newline: everything, and the line starts over (HF);</li>
 * <li>after a CJK character: everything (HF);</li>
 * <li>otherwise, in HF's word mode (the default): up to the last space, since later tokens can still change how
 * the current word decodes; in character mode: everything except a trailing run of U+FFFD.</li>
 * </ul>
 * {@link #end()} flushes whatever is left.
 */
public final class TextStreamer implements Streamer {

    /** Receives text (HF's {@code on_finalized_text}). */
    @FunctionalInterface
    public interface TextSink {
        void onText(int row, String text, boolean streamEnd);
    }

    private static final char REPLACEMENT = '\uFFFD';

    private final TokenDecoder decoder;
    private final TextSink sink;
    private final boolean byWord;
    private final Map<Integer, Line> lines = new HashMap<>();

    /** The tokens of a row's current line and how much of their text was emitted. */
    private static final class Line {
        final List<Integer> tokens = new ArrayList<>();
        int printed;
    }

    /** HF's word mode. */
    public TextStreamer(TokenDecoder decoder, TextSink sink) {
        this(decoder, sink, true);
    }

    /** @param byWord true: hold text back to the last space (HF); false: emit each character once complete */
    public TextStreamer(TokenDecoder decoder, TextSink sink, boolean byWord) {
        this.decoder = decoder;
        this.sink = sink;
        this.byWord = byWord;
    }

    @Override
    public void put(int row, int token) {
        Line line = lines.computeIfAbsent(row, r -> new Line());
        line.tokens.add(token);
        String text = decoder.decode(line.tokens.stream().mapToInt(Integer::intValue).toArray());
        int end = printableEnd(text);
        if (end > line.printed) {
            sink.onText(row, text.substring(line.printed, end), false);
            line.printed = end;
        }
        if (text.endsWith("\n")) {                        // a new line starts
            line.tokens.clear();
            line.printed = 0;
        }
    }

    /** Where the final part of {@code text} ends. */
    private int printableEnd(String text) {
        if (text.isEmpty() || text.endsWith("\n") || isCjk(text.codePointBefore(text.length()))) {
            return text.length();
        }
        if (byWord) {
            return text.lastIndexOf(' ') + 1;
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        return end;
    }

    @Override
    public void end() {
        for (var e : lines.entrySet()) {
            Line line = e.getValue();
            String text = decoder.decode(line.tokens.stream().mapToInt(Integer::intValue).toArray());
            sink.onText(e.getKey(), line.printed < text.length() ? text.substring(line.printed) : "", true);
        }
        lines.clear();
    }

    /** HF's {@code _is_chinese_char}: the CJK Unified Ideograph blocks. */
    static boolean isCjk(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F || cp >= 0x2B740 && cp <= 0x2B81F || cp >= 0x2B820 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }
}
