package dev.transformers4j.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TextStreamer with a fake byte-level decoder whose tokens split multi-byte UTF-8 characters. */
class GenStreamerTest {

    /** Token → bytes; "é" (C3 A9) and "€" (E2 82 AC) are split over two tokens each. */
    static final byte[][] BYTES = {
        "Caf".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3}, {(byte) 0xA9}, " au".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xAC}, " lait".getBytes(StandardCharsets.UTF_8),
        "\n".getBytes(StandardCharsets.UTF_8), "中".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)
    };

    /** Like byte-level BPE: concatenate the bytes, decode UTF-8 with U+FFFD for incomplete characters. */
    static final TokenDecoder DECODER = ids -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(BYTES[id]);
        }
        return out.toString(StandardCharsets.UTF_8);
    };

    record Piece(int row, String text, boolean end) {
    }

    static List<Piece> stream(boolean byWord, int... tokens) {
        List<Piece> pieces = new ArrayList<>();
        TextStreamer s = new TextStreamer(DECODER, (row, text, end) -> pieces.add(new Piece(row, text, end)), byWord);
        for (int t : tokens) {
            s.put(0, t);
        }
        s.end();
        return pieces;
    }

    @Test
    void characterModeEmitsEachCharacterOnceCompleteAndNeverAHalfOne() {
        List<Piece> p = stream(false, 0, 1, 2, 3, 4, 5, 6);
        assertThat(p).extracting(Piece::text).containsExactly("Caf", "é", " au", "€", " lait", "");
        assertThat(p.get(p.size() - 1).end()).isTrue();
    }

    @Test
    void wordModeEmitsUpToTheLastSpaceLikeHuggingFace() {
        List<Piece> p = stream(true, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // "Café au€ lait\n中x": words once a space follows, the line at the newline, CJK at once, the rest at end
        assertThat(p).extracting(Piece::text).containsExactly("Café ", "au€ ", "lait\n", "中", "x");
        assertThat(String.join("", p.stream().map(Piece::text).toList())).isEqualTo("Café au€ lait\n中x");
        assertThat(p).noneMatch(x -> x.text().contains("\uFFFD"));
    }

    @Test
    void rowsAreStreamedSeparately() {
        List<Piece> pieces = new ArrayList<>();
        TextStreamer s = new TextStreamer(DECODER, (row, text, end) -> pieces.add(new Piece(row, text, end)), false);
        s.put(0, 0);
        s.put(1, 4);
        s.put(0, 1);
        s.put(1, 5);
        s.put(0, 2);
        s.end();
        assertThat(pieces).filteredOn(x -> x.row() == 0).extracting(Piece::text).containsExactly("Caf", "é", "");
        assertThat(pieces).filteredOn(x -> x.row() == 1).extracting(Piece::text).containsExactly("€", "");
    }
}
